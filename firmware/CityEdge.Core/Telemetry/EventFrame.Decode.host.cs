namespace CityEdge.Telemetry
{
    /// <summary>The command centre's half of <see cref="EventFrame"/>, left out of the device image (*.host.cs).</summary>
    public static partial class EventFrame
    {
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
