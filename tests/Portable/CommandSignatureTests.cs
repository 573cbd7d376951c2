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
    /// <summary>Command signatures as the node checks them: HMAC-SHA256 against RFC 4231 test case 2, and the documented command vector.</summary>
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
        public void TheDocumentedRequestStatusVectorVerifiesAndAFlippedBitDoesNot()
        {
            // docs/mqtt.md "Command frame v1", first vector: key 00..1f, MAC computed with openssl.
            byte[] key = new byte[CommandFrame.KeyLength];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = (byte)i;
            }

            byte[] frame = Check.Hex("01010000018f5a3b2c106553f100076e6f64652d30310000"
                + "82c94af6cbdc088c6c0519b019c838150544a8f500e26c86207b2d567926c5a3");
            int signedLength;
            CommandFrame command = CommandFrame.Parse(frame, out signedLength);

            Check.Equal(CommandAction.RequestStatus, command.Action, "action");
            Check.Equal("node-01", command.NodeId, "node id");
            Check.True(CommandFrame.MacMatches(key, frame, signedLength), "the signed frame verifies");
            frame[3] ^= 0x01;
            Check.False(CommandFrame.MacMatches(key, frame, signedLength), "a changed counter breaks the signature");
        }
    }
}
