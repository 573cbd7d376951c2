using System;

namespace CityEdge.Telemetry
{
    /// <summary>
    /// Event frame v1: a small message sent at once when something changes (a bay becomes occupied, a
    /// lamp fails), on the node's events topic (docs/telemetry-format.md, "Event frame v1").
    /// Layout: version (1), type (1), event sequence (2), timestamp (4), payload length (1), payload.
    /// The envelope is decoded strictly (EventFrame.Decode.host.cs, host only: the node never decodes
    /// events); each capability owns the meaning of its payload.
    /// </summary>
    public static partial class EventFrame
    {
        public const byte Version = 1;

        public const int HeaderLength = 9;

        /// <summary>Largest payload: keeps events far below an MQTT packet on constrained links.</summary>
        public const int MaxPayloadLength = 32;

        /// <summary>Bytes needed for an event with this payload length.</summary>
        public static int GetLength(int payloadLength)
        {
            return HeaderLength + payloadLength;
        }

        /// <summary>Writes an event; returns its length.</summary>
        public static int Encode(int type, int sequence, uint timestampUnixSeconds, byte[] payload, int payloadOffset, int payloadCount, byte[] buffer, int offset)
        {
            if (type < 1 || type > 255)
            {
                throw new ArgumentOutOfRangeException("type", "event type must be 1..255, got " + type);
            }

            if (payloadCount < 0 || payloadCount > MaxPayloadLength)
            {
                throw new ArgumentOutOfRangeException("payloadCount", "event payload must be 0.." + MaxPayloadLength + " bytes, got " + payloadCount);
            }

            if (buffer == null || offset < 0 || offset + HeaderLength + payloadCount > buffer.Length)
            {
                throw new ArgumentException("buffer needs " + (HeaderLength + payloadCount) + " bytes from offset " + offset, "buffer");
            }

            buffer[offset] = Version;
            buffer[offset + 1] = (byte)type;
            buffer[offset + 2] = (byte)(sequence >> 8);
            buffer[offset + 3] = (byte)sequence;
            buffer[offset + 4] = (byte)(timestampUnixSeconds >> 24);
            buffer[offset + 5] = (byte)(timestampUnixSeconds >> 16);
            buffer[offset + 6] = (byte)(timestampUnixSeconds >> 8);
            buffer[offset + 7] = (byte)timestampUnixSeconds;
            buffer[offset + 8] = (byte)payloadCount;
            if (payloadCount > 0)
            {
                Array.Copy(payload, payloadOffset, buffer, offset + HeaderLength, payloadCount);
            }

            return HeaderLength + payloadCount;
        }
    }
}
