using System;
using System.Text;

namespace CityEdge.Link
{
    /// <summary>The command centre's half of <see cref="CommandFrame"/>: signing. The node only verifies.</summary>
    public sealed partial class CommandFrame
    {
        /// <summary>Builds the signed frame.</summary>
        public byte[] Sign(byte[] key)
        {
            byte[] id = Encoding.UTF8.GetBytes(NodeId);
            byte[] args = Arguments ?? new byte[0];
            if (id.Length < 1 || id.Length > MaxNodeIdLength)
            {
                throw new ArgumentException("node id must be 1.." + MaxNodeIdLength + " bytes", "NodeId");
            }

            if (args.Length > MaxArgumentLength)
            {
                throw new ArgumentException("arguments are at most " + MaxArgumentLength + " bytes", "Arguments");
            }

            int signedLength = FixedHeaderLength + id.Length + 2 + args.Length;
            byte[] frame = new byte[signedLength + MacLength];
            frame[0] = Version;
            frame[1] = (byte)Action;
            BigEndian.WriteUInt64(frame, 2, Counter);
            BigEndian.WriteUInt32(frame, 10, ExpiresUnixSeconds);
            frame[14] = (byte)id.Length;
            Array.Copy(id, 0, frame, FixedHeaderLength, id.Length);
            BigEndian.WriteUInt16(frame, FixedHeaderLength + id.Length, args.Length);
            Array.Copy(args, 0, frame, FixedHeaderLength + id.Length + 2, args.Length);
            byte[] mac = Mac(key, frame, signedLength);
            Array.Copy(mac, 0, frame, signedLength, MacLength);
            return frame;
        }
    }
}
