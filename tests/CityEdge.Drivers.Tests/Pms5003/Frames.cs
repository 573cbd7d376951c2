namespace CityEdge.Drivers.Tests.Pms5003;

/// <summary>Builds PMS5003 frames the way the data manual V2.3 Appendix I lays them out: 42 4D,
/// length 28, 13 big-endian words, then the 16-bit sum of every byte before the check code.</summary>
internal static class Frames
{
    public static byte[] Data(params int[] words)
    {
        if (words.Length != 13)
        {
            throw new ArgumentException("a data frame has 13 words");
        }

        var frame = new List<byte> { 0x42, 0x4D, 0x00, 28 };
        foreach (int w in words)
        {
            frame.Add((byte)(w >> 8));
            frame.Add((byte)w);
        }

        int sum = frame.Sum(b => b);
        frame.Add((byte)(sum >> 8));
        frame.Add((byte)sum);
        return frame.ToArray();
    }

    /// <summary>A frame whose atmospheric PM words are the given values (CF=1 words and counts made up).</summary>
    public static byte[] Atmospheric(int pm1_0, int pm2_5, int pm10) =>
        Data(pm1_0 + 1, pm2_5 + 1, pm10 + 1, pm1_0, pm2_5, pm10, 1000, 300, 50, 9, 3, 1, 0);

    public static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", ""));

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
