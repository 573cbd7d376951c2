#nullable disable
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Text;
using CityEdge.Link;

namespace CityEdge.Tests.Portable
{
    /// <summary>Command signatures: HMAC-SHA256 against RFC 4231 test case 2, and a signed frame that any change breaks.</summary>
    [TestClass]
    public class CommandSignatureTests
    {
        [TestMethod]
        public void HmacSha256MatchesRfc4231TestCase2()
        {
            byte[] data = Encoding.UTF8.GetBytes("what do ya want for nothing?");
            byte[] mac = CommandFrame.Mac(Encoding.UTF8.GetBytes("Jefe"), data, data.Length);

            Check.Bytes(Check.Hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"), mac, mac.Length, "RFC 4231 TC2");
        }

        [TestMethod]
        public void ASignedFrameVerifiesAndAnyFlippedBitDoesNot()
        {
            byte[] key = new byte[CommandFrame.KeyLength];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = (byte)(i + 7);
            }

            CommandFrame command = new CommandFrame();
            command.Action = CommandAction.RequestStatus;
            command.Counter = 42;
            command.NodeId = "lamp-7";
            command.Arguments = new byte[0];
            byte[] frame = command.Sign(key);
            int macOffset = frame.Length - CommandFrame.MacLength;

            Check.True(CommandFrame.MacMatches(key, frame, macOffset), "the signed frame verifies");
            frame[macOffset - 1] ^= 0x01;
            Check.False(CommandFrame.MacMatches(key, frame, macOffset), "a changed byte breaks the signature");
        }
    }
}
