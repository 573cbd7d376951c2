using System;
using System.Security.Cryptography;
using System.Text;

namespace CityEdge.Link
{
    /// <summary>
    /// Command frame v1 (docs/mqtt.md "Command frame"), big-endian:
    /// version (1) = 1, action (1), counter (8), expires (4, Unix seconds, 0 = never),
    /// node id length n (1), node id (n, printable ASCII), argument length m (2), arguments (m),
    /// HMAC-SHA256 (32) over every byte before it, under the node's 32-byte command key.
    /// Used by the node to verify and by the command centre's tools to sign (CommandFrame.Sign.host.cs,
    /// left out of the device image).
    /// </summary>
    public sealed partial class CommandFrame
    {
        public const byte Version = 1;
        public const int MacLength = 32;
        public const int KeyLength = 32;
        public const int MaxNodeIdLength = 32;
        public const int MaxArgumentLength = 2048;

        /// <summary>Version, action, counter, expires, node id length.</summary>
        private const int FixedHeaderLength = 15;

        public int Action { get; set; }

        /// <summary>Strictly increasing per node: the node rejects any counter not above the last it accepted.</summary>
        public ulong Counter { get; set; }

        public uint ExpiresUnixSeconds { get; set; }

        public string NodeId { get; set; }

        public byte[] Arguments { get; set; }

        /// <summary>
        /// Reads the fields of <paramref name="frame"/> without checking the MAC; null when the layout
        /// is wrong. <paramref name="signedLength"/> is where the MAC starts.
        /// </summary>
        public static CommandFrame Parse(byte[] frame, out int signedLength)
        {
            signedLength = 0;
            if (frame == null || frame.Length < FixedHeaderLength + 1 + 2 + MacLength || frame[0] != Version)
            {
                return null;
            }

            int idLength = frame[14];
            if (idLength < 1 || idLength > MaxNodeIdLength || frame.Length < FixedHeaderLength + idLength + 2 + MacLength)
            {
                return null;
            }

            for (int i = 0; i < idLength; i++)
            {
                // Printable ASCII, as every node id is: the id then decodes to exactly its bytes.
                byte c = frame[FixedHeaderLength + i];
                if (c < 0x21 || c > 0x7E)
                {
                    return null;
                }
            }

            int argsLength = BigEndian.ReadUInt16(frame, FixedHeaderLength + idLength);
            signedLength = FixedHeaderLength + idLength + 2 + argsLength;
            if (argsLength > MaxArgumentLength || frame.Length != signedLength + MacLength)
            {
                return null;
            }

            CommandFrame command = new CommandFrame();
            command.Action = frame[1];
            command.Counter = BigEndian.ReadUInt64(frame, 2);
            command.ExpiresUnixSeconds = BigEndian.ReadUInt32(frame, 10);
            command.NodeId = Encoding.UTF8.GetString(frame, FixedHeaderLength, idLength);
            command.Arguments = new byte[argsLength];
            Array.Copy(frame, FixedHeaderLength + idLength + 2, command.Arguments, 0, argsLength);
            return command;
        }

        /// <summary>HMAC-SHA256 under <paramref name="key"/> of the first <paramref name="length"/> bytes.</summary>
        public static byte[] Mac(byte[] key, byte[] data, int length)
        {
            byte[] signed = data;
            if (length != data.Length)
            {
                signed = new byte[length];
                Array.Copy(data, signed, length);
            }

            return HMACSHA256.HashData(key, signed);
        }

        /// <summary>True when the MAC at <paramref name="macOffset"/> matches, compared in constant time
        /// so a forger learns nothing from how long the check takes.</summary>
        public static bool MacMatches(byte[] key, byte[] data, int macOffset)
        {
            if (data.Length < macOffset + MacLength)
            {
                return false;
            }

            byte[] expected = Mac(key, data, macOffset);
            int difference = 0;
            for (int i = 0; i < MacLength; i++)
            {
                difference |= expected[i] ^ data[macOffset + i];
            }

            return difference == 0;
        }
    }
}
