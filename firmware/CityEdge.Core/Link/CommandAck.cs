using System;
using System.Text;

namespace CityEdge.Link
{
    /// <summary>
    /// Command ack v1 on {root}/{node}/command-ack (docs/mqtt.md), big-endian: version (1) = 1,
    /// action (1), counter (8), result (1, <see cref="CommandResult"/>), detail length d (1),
    /// detail (d ≤ 200, UTF-8, cut only between characters), HMAC-SHA256 (32) under the node's command key over every byte before it
    /// (all zero when the node has no key), so the command centre knows the node itself answered.
    /// </summary>
    public sealed partial class CommandAck
    {
        public const byte Version = 1;
        public const int MaxDetailLength = 200;
        private const int HeaderLength = 12;

        public int Action { get; set; }

        public ulong Counter { get; set; }

        public int Result { get; set; }

        public string Detail { get; set; }

        /// <summary>The signed ack; <paramref name="key"/> null gives an all-zero MAC.</summary>
        public byte[] Encode(byte[] key)
        {
            byte[] detail = Encoding.UTF8.GetBytes(Detail ?? "");
            int detailLength = detail.Length > MaxDetailLength ? MaxDetailLength : detail.Length;
            while (detailLength < detail.Length && (detail[detailLength] & 0xC0) == 0x80)
            {
                // Never cut inside a character: back off to the start of the one that does not fit.
                detailLength--;
            }

            int signedLength = HeaderLength + detailLength;
            byte[] ack = new byte[signedLength + CommandFrame.MacLength];
            ack[0] = Version;
            ack[1] = (byte)Action;
            BigEndian.WriteUInt64(ack, 2, Counter);
            ack[10] = (byte)Result;
            ack[11] = (byte)detailLength;
            Array.Copy(detail, 0, ack, HeaderLength, detailLength);
            if (key != null)
            {
                Array.Copy(CommandFrame.Mac(key, ack, signedLength), 0, ack, signedLength, CommandFrame.MacLength);
            }

            return ack;
        }
    }
}
