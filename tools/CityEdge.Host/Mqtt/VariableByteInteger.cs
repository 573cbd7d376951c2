namespace CityEdge.Host.Mqtt;

/// <summary>MQTT's Variable Byte Integer (MQTT 5.0 section 1.5.5): 7 bits a byte, least significant first,
/// the top bit set on every byte but the last; the Remaining Length and property lengths use it.</summary>
internal static class VariableByteInteger
{
    /// <summary>Reads the integer at <paramref name="at"/> in a whole packet and moves <paramref name="at"/> past it.</summary>
    public static int Read(byte[] packet, ref int at)
    {
        int value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = packet[at++];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
