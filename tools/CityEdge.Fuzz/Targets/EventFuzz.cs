using CityEdge.Telemetry;
using CsCheck;

namespace CityEdge.Fuzz.Targets;

/// <summary>Event frame v1 envelopes as the command centre receives them (EventFrame.Decode).</summary>
public static class EventFuzz
{
    public const string Oracle = "decodes or throws FrameFormatException; a decoded event re-encodes to its exact bytes; every encoded event decodes";

    public static readonly Gen<FuzzBytes> Inputs = FuzzBytes.Around(Gen.Byte.Array[8, 40].Select(ValidEvent), EventFrame.HeaderLength + EventFrame.MaxPayloadLength + 8);

    public static void Check(FuzzBytes input)
    {
        byte[] frame = input.Bytes;
        int type, sequence, payloadLength;
        uint timestamp;
        try
        {
            type = EventFrame.Decode(frame, 0, frame.Length, out sequence, out timestamp, out payloadLength);
        }
        catch (FrameFormatException) when (!input.Intact)
        {
            return;
        }

        var again = new byte[EventFrame.GetLength(payloadLength)];
        int length = EventFrame.Encode(type, sequence, timestamp, frame, EventFrame.HeaderLength, payloadLength, again, 0);
        if (length != frame.Length || !again.AsSpan().SequenceEqual(frame))
        {
            throw new InvalidOperationException("re-encodes to " + Convert.ToHexString(again, 0, length));
        }
    }

    /// <summary>An event with type, sequence, timestamp and payload taken from <paramref name="bytes"/>.</summary>
    public static byte[] ValidEvent(byte[] bytes)
    {
        var m = new Material(bytes);
        int payloadLength = Math.Min(bytes.Length - 8, EventFrame.MaxPayloadLength);
        uint timestamp = m.Chance(1) ? 0 : TelemetryFrame.EarliestTimestamp + (uint)m.Int(0, int.MaxValue);
        var frame = new byte[EventFrame.GetLength(payloadLength)];
        EventFrame.Encode(m.Int(1, 255), m.Int(0, 65535), timestamp, bytes, 8, payloadLength, frame, 0);
        return frame;
    }
}
