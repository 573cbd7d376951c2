using System.Text;

namespace CityEdge.Link
{
    /// <summary>The command centre's half of <see cref="CommandAck"/>, left out of the device image (*.host.cs).</summary>
    public sealed partial class CommandAck
    {
        /// <summary>Decodes and, when <paramref name="key"/> is given, authenticates an ack; null when
        /// the layout is wrong or the MAC does not match.</summary>
        public static CommandAck Decode(byte[] ack, byte[] key)
        {
            if (ack == null || ack.Length < HeaderLength + CommandFrame.MacLength || ack[0] != Version)
            {
                return null;
            }

            int detailLength = ack[11];
            int signedLength = HeaderLength + detailLength;
            if (detailLength > MaxDetailLength || ack.Length != signedLength + CommandFrame.MacLength || (key != null && !CommandFrame.MacMatches(key, ack, signedLength)))
            {
                return null;
            }

            CommandAck decoded = new CommandAck();
            decoded.Action = ack[1];
            decoded.Counter = BigEndian.ReadUInt64(ack, 2);
            decoded.Result = ack[10];
            decoded.Detail = Encoding.UTF8.GetString(ack, HeaderLength, detailLength);
            return decoded;
        }
    }
}
