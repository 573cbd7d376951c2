using System.Text.Json;
using CityEdge.Cli;
using CityEdge.Host.Tests.Cli;

namespace CityEdge.Host.Tests.Air;

[TestClass]
public sealed class AirCommandsTests
{
    // PMS5003 data frames built by hand from the data manual V2.3 Appendix I layout (check code = 16-bit sum).
    private const string Frame1 = "42 4D 00 1C 00 05 00 08 00 0A 00 04 00 07 00 09 04 B0 01 5E 00 3C 00 08 00 02 00 01 00 00 02 30";
    private const string Frame2 = "42 4D 00 1C 00 06 00 09 00 0C 00 05 00 08 00 0B 05 14 01 68 00 3D 00 09 00 03 00 02 00 00 01 AB";

    private static byte[] Hex(string text) => Convert.FromHexString(text.Replace(" ", ""));

    [TestMethod]
    public async Task Replay_air_prints_each_valid_frame_then_the_fault_summary()
    {
        byte[] good1 = Hex(Frame1);
        byte[] good2 = Hex(Frame2);
        byte[] badSum = (byte[])good1.Clone();
        badSum[9] ^= 0x04;
        byte[] badLength = (byte[])good2.Clone();
        badLength[3] = 30;
        byte[] capture = [0xAA, 0x55, 0x42, .. good1, .. badSum, .. badLength, .. good2];
        string path = Path.Combine(Path.GetTempPath(), $"pms-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, capture);
        try
        {
            var (exit, output, _) = await CliRun.RunAsync("replay", "air", path, "--format", "json");

            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.AreEqual(3, lines.Length, output);
            using var first = JsonDocument.Parse(lines[0]);
            Assert.AreEqual(4, first.RootElement.GetProperty("pm1_0_ug_m3").GetInt32());
            Assert.AreEqual(7, first.RootElement.GetProperty("pm2_5_ug_m3").GetInt32());
            Assert.AreEqual(9, first.RootElement.GetProperty("pm10_ug_m3").GetInt32());
            Assert.AreEqual(1200, first.RootElement.GetProperty("counts_0_3um").GetInt32());
            Assert.AreEqual(1, first.RootElement.GetProperty("counts_10um").GetInt32());
            using var second = JsonDocument.Parse(lines[1]);
            Assert.AreEqual(8, second.RootElement.GetProperty("pm2_5_ug_m3").GetInt32());
            using var summary = JsonDocument.Parse(lines[2]);
            Assert.AreEqual(2, summary.RootElement.GetProperty("frames_ok").GetInt32());
            Assert.AreEqual(1, summary.RootElement.GetProperty("checksum_errors").GetInt32());
            Assert.AreEqual(1, summary.RootElement.GetProperty("length_errors").GetInt32());
            Assert.AreEqual(3 + 32 + 32, summary.RootElement.GetProperty("bytes_skipped").GetInt32());
            Assert.AreEqual(ExitCodes.DataProblem, exit, "corrupt frames in the capture");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A long capture is streamed (issue 18, item 11): the first frame is printed long before the
    /// capture has been read, in both formats, so memory does not grow with the capture.</summary>
    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Replay_air_prints_frames_while_it_reads_a_long_capture(bool json)
    {
        var capture = new RepeatedFrames(Hex(Frame1), frames: 50_000);
        long readAtFirstFrame = -1;
        var watcher = new LineWatcher(line =>
        {
            if (readAtFirstFrame < 0 && (json ? line.Contains("\"frame\":1,", StringComparison.Ordinal) : line.TrimStart().StartsWith("1 ", StringComparison.Ordinal)))
            {
                readAtFirstFrame = capture.Delivered;
            }
        });
        var ui = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(watcher) });
        var console = new CliConsole(ui, watcher, new StringWriter(), interactive: false);

        int exit = CityEdge.Cli.Commands.ReplayAirCommand.Run(console, capture, "long.bin", json);

        Assert.AreEqual(ExitCodes.Ok, exit);
        Assert.AreEqual(50_000L * 32, capture.Delivered);
        Assert.IsTrue(readAtFirstFrame is > 0 and <= 1 << 16, $"first frame printed after {readAtFirstFrame} of {capture.Delivered} bytes");
        StringAssert.Contains(watcher.Tail, json ? "\"frames_ok\":50000" : "frames_ok 50000");
    }

    private sealed class RepeatedFrames(byte[] frame, int frames) : Stream
    {
        private readonly long _length = (long)frame.Length * frames;

        public long Delivered { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Delivered; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, _length - Delivered);
            for (int i = 0; i < n; i++)
            {
                buffer[offset + i] = frame[(Delivered + i) % frame.Length];
            }

            Delivered += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class LineWatcher(Action<string> onLine) : TextWriter
    {
        private readonly System.Text.StringBuilder _line = new();

        private readonly Queue<string> _tail = new();

        /// <summary>The last few lines (a summary may wrap on a narrow console).</summary>
        public string Tail => string.Join(" ", _tail);

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            if (value != '\n')
            {
                _line.Append(value);
                return;
            }

            string line = _line.ToString();
            _tail.Enqueue(line);
            if (_tail.Count > 3)
            {
                _tail.Dequeue();
            }

            onLine(line);
            _line.Clear();
        }
    }

    [TestMethod]
    public async Task Replay_air_of_a_missing_file_is_invalid_input()
    {
        var (exit, _, error) = await CliRun.RunAsync("replay", "air", "/nonexistent/capture.bin");

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        StringAssert.Contains(error, "file: '/nonexistent/capture.bin' does not exist");
    }

    [TestMethod]
    public async Task Aqi_prints_index_category_dominant_and_sub_indices()
    {
        // HJ 633-2012: PM2.5 90 -> 100 + ceil(50*15/40) = 119; PM10 130 -> 50 + ceil(50*80/100) = 90.
        var (exit, output, _) = await CliRun.RunAsync("aqi", "--pm25", "90", "--pm10", "130", "--standard", "cn", "--format", "json");

        Assert.AreEqual(0, exit);
        using var json = JsonDocument.Parse(output);
        var aqi = json.RootElement.GetProperty("aqi");
        Assert.AreEqual(119, aqi.GetProperty("value").GetInt32());
        Assert.AreEqual("cn", aqi.GetProperty("standard").GetString());
        Assert.AreEqual("Lightly Polluted", aqi.GetProperty("category").GetString());
        Assert.AreEqual(3, aqi.GetProperty("category_level").GetInt32());
        Assert.AreEqual("pm2_5", aqi.GetProperty("dominant").GetString());
        Assert.AreEqual(119, json.RootElement.GetProperty("pm2_5_sub_index").GetInt32());
        Assert.AreEqual(90, json.RootElement.GetProperty("pm10_sub_index").GetInt32());
    }

    [TestMethod]
    public async Task Aqi_us_uses_the_2024_pm2_5_table()
    {
        // 2024 table: (100-51)/(35.4-9.1)*(12.1-9.1)+51 = 56.59 -> 57 (the 2012 table, 12.1-35.4, gave 51).
        var (_, output, _) = await CliRun.RunAsync("aqi", "--pm25", "12.1", "--pm10", "10", "--format", "json");

        using var json = JsonDocument.Parse(output);
        Assert.AreEqual(57, json.RootElement.GetProperty("aqi").GetProperty("value").GetInt32());
        Assert.AreEqual("Moderate", json.RootElement.GetProperty("aqi").GetProperty("category").GetString());
    }

    [TestMethod]
    public async Task Aqi_rejects_a_negative_concentration()
    {
        var (exit, _, error) = await CliRun.RunAsync("aqi", "--pm25", "-1", "--pm10", "3");

        Assert.AreNotEqual(0, exit);
        StringAssert.Contains(error, "--pm25");
    }
}
