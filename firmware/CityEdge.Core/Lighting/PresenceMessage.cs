using System;
using System.Text;

namespace CityEdge.Lighting
{
    /// <summary>Where a presence came from (byte 1 of the presence message).</summary>
    public enum PresenceSource
    {
        Pir = 1,
        Radar = 2,
        Parking = 3,
        Noise = 4,
    }

    /// <summary>
    /// Presence shared between neighbouring lamps, so the light runs ahead of a walker or cyclist
    /// (docs/lighting.md, "Neighbour presence"). Topic {mqtt.topic_root}/{lighting.group}/presence,
    /// QoS 0, not retained. Payload (big-endian):
    /// version (1) = 1, source (1, <see cref="PresenceSource"/>), timestamp (4, Unix s, 0 = clock
    /// not set), node id length (1, 1..32), node id (ASCII). A node ignores its own messages and,
    /// when both clocks are set, messages older than <see cref="MaxAgeS"/> (late deliveries after a
    /// reconnect must not light a street nobody is on).
    /// </summary>
    public static class PresenceMessage
    {
        public const byte Version = 1;
        public const int HeaderLength = 7;
        public const int MaxNodeIdLength = 32;
        public const int MaxLength = HeaderLength + MaxNodeIdLength;
        public const int MaxAgeS = 10;

        public static string Topic(string topicRoot, string group)
        {
            return topicRoot + "/" + group + "/presence";
        }

        /// <summary>The node id as the message carries it, encoded once at start-up.</summary>
        public static byte[] EncodeNodeId(string nodeId)
        {
            byte[] id = Encoding.UTF8.GetBytes(nodeId);
            if (id.Length < 1 || id.Length > MaxNodeIdLength)
            {
                throw new ArgumentException("node id must be 1.." + MaxNodeIdLength + " bytes", "nodeId");
            }

            return id;
        }

        public static int Encode(PresenceSource source, uint timestampUnixS, byte[] nodeId, byte[] buffer, int offset)
        {
            buffer[offset] = Version;
            buffer[offset + 1] = (byte)source;
            buffer[offset + 2] = (byte)(timestampUnixS >> 24);
            buffer[offset + 3] = (byte)(timestampUnixS >> 16);
            buffer[offset + 4] = (byte)(timestampUnixS >> 8);
            buffer[offset + 5] = (byte)timestampUnixS;
            buffer[offset + 6] = (byte)nodeId.Length;
            Array.Copy(nodeId, 0, buffer, offset + HeaderLength, nodeId.Length);
            return HeaderLength + nodeId.Length;
        }

        /// <summary>
        /// Checks a received message. Returns null when it should light the lamp, otherwise why not
        /// ("malformed ...", "own", "stale"), without allocating on the accepted path.
        /// </summary>
        public static string Check(byte[] payload, int offset, int count, byte[] ownNodeId, uint nowUnixS)
        {
            if (payload == null || count < HeaderLength + 1 || payload[offset] != Version)
            {
                return "malformed: needs version 1 and at least " + (HeaderLength + 1) + " bytes";
            }

            int source = payload[offset + 1];
            int idLength = payload[offset + 6];
            if (source < (int)PresenceSource.Pir || source > (int)PresenceSource.Noise || idLength < 1 || idLength > MaxNodeIdLength || count != HeaderLength + idLength)
            {
                return "malformed: source " + source + ", id length " + idLength + ", " + count + " bytes";
            }

            if (idLength == ownNodeId.Length)
            {
                bool same = true;
                for (int i = 0; i < idLength && same; i++)
                {
                    same = payload[offset + HeaderLength + i] == ownNodeId[i];
                }

                if (same)
                {
                    return "own";
                }
            }

            uint sent = ((uint)payload[offset + 2] << 24) | ((uint)payload[offset + 3] << 16) | ((uint)payload[offset + 4] << 8) | payload[offset + 5];
            if (sent != 0 && nowUnixS != 0 && nowUnixS > sent + MaxAgeS)
            {
                return "stale";
            }

            return null;
        }
    }
}
