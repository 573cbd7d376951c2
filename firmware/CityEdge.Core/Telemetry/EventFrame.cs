using System;

namespace CityEdge.Telemetry
{
    /// <summary>
    /// Event frame v1: a small message sent at once when something changes (a bay becomes occupied, a
    /// lamp fails), on the node's events topic (docs/telemetry-format.md, "Event frame v1").
    /// Layout: version (1), type (1), event sequence (2), timestamp (4), payload length (1), payload.
    /// The envelope is decoded strictly here; each capability owns the meaning of its payload.
    /// </summary>
    public static class EventFrame
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

        /// <summary>
        /// Checks the envelope of <paramref name="count"/> bytes and returns the event type; the payload
        /// starts at offset + <see cref="HeaderLength"/>. Throws <see cref="FrameFormatException"/>
        /// naming the offset and field of the first problem.
        /// </summary>
        public static int Decode(byte[] frame, int offset, int count, out int sequence, out uint timestampUnixSeconds, out int payloadLength)
        {
            sequence = 0;
            timestampUnixSeconds = 0;
            payloadLength = 0;
            if (count < 1)
            {
                throw new FrameFormatException(0, "event.version", "event frame is empty");
            }

            if (frame[offset] != Version)
            {
                throw new FrameFormatException(0, "event.version", "unknown version " + frame[offset] + " (this decoder reads version " + Version + ")");
            }

            if (count < HeaderLength)
            {
                throw new FrameFormatException(count, FieldAt(count), "event frame ends after " + count + " bytes; the header needs " + HeaderLength);
            }

            int type = frame[offset + 1];
            if (type == 0)
            {
                throw new FrameFormatException(1, "event.type", "event type 0 is reserved");
            }

            sequence = (frame[offset + 2] << 8) | frame[offset + 3];
            timestampUnixSeconds = ((uint)frame[offset + 4] << 24) | ((uint)frame[offset + 5] << 16) | ((uint)frame[offset + 6] << 8) | frame[offset + 7];
            if (timestampUnixSeconds != 0 && timestampUnixSeconds < TelemetryFrame.EarliestTimestamp)
            {
                throw new FrameFormatException(4, "event.timestamp", timestampUnixSeconds + " is before 2020-01-01 and not 0 (0 means clock not set)");
            }

            payloadLength = frame[offset + 8];
            if (payloadLength > MaxPayloadLength)
            {
                throw new FrameFormatException(8, "event.length", "payload length " + payloadLength + " above " + MaxPayloadLength);
            }

            if (count < HeaderLength + payloadLength)
            {
                throw new FrameFormatException(count, "event.payload", "event frame ends after " + count + " bytes; its payload needs " + payloadLength + " from offset " + HeaderLength);
            }

            if (count > HeaderLength + payloadLength)
            {
                throw new FrameFormatException(HeaderLength + payloadLength, "end", (count - HeaderLength - payloadLength) + " byte(s) after the payload");
            }

            return type;
        }

        private static string FieldAt(int offset)
        {
            return offset < 2 ? "event.type" : offset < 4 ? "event.sequence" : offset < 8 ? "event.timestamp" : "event.length";
        }
    }
}
