using System.Text.Json;
using CityEdge.Cli;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using CityEdge.Host.Tests.Cli;

namespace CityEdge.Host.Tests.Noise;

[TestClass]
public sealed class ReplayNoiseCommandTests
{
    private readonly List<string> _files = [];

    [TestCleanup]
    public void DeleteFiles()
    {
        foreach (string path in _files)
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    [DataRow(16000, 16)]
    [DataRow(32000, 24)]
    [DataRow(48000, 32)]
    public async Task SineAtMinus20DbfsIs100DbSplWithMinus26DbfsSensitivity(int sampleRate, int bits)
    {
        // A full-scale sine is 0 dBFS = 94 + 26 = 120 dB SPL; at 0.1 of full scale it is -20 dBFS = 100 dB.
        string path = Write(TestWav.Build(sampleRate, bits, 1, 1, TestWav.Sine(1000, sampleRate, 0.1, 5.0)));
        var (code, output, error) = await CliRun.RunAsync("replay", "noise", path, "--interval", "2", "--format", "json");
        Assert.AreEqual(0, code, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.AreEqual(3, lines.Length, "2 s, 2 s and the last 1 s");
        foreach (string line in lines)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            foreach (string key in new[] { "laeq_db", "lafmax_db", "lafmin_db", "la10_db", "la50_db", "la90_db" })
            {
                Assert.AreEqual(100.0, root.GetProperty(key).GetDouble(), 0.1, key + " in " + line);
            }

            Assert.IsFalse(root.GetProperty("range_flag").GetBoolean());
        }

        using var last = JsonDocument.Parse(lines[2]);
        Assert.AreEqual(4.0, last.RootElement.GetProperty("start_s").GetDouble(), 1e-9);
        Assert.AreEqual(1.0, last.RootElement.GetProperty("duration_s").GetDouble(), 1e-9);
    }

    [TestMethod]
    public async Task SensitivityOptionMovesEveryLevel()
    {
        // Same file, a -38 dBFS microphone: 94 + 38 - 20 = 112 dB; 250 Hz is A-weighted by -8.6 dB (IEC 61672-1 Table 3).
        string path = Write(TestWav.Build(16000, 16, 1, 1, TestWav.Sine(250, 16000, 0.1, 3.0)));
        var (code, output, error) = await CliRun.RunAsync("replay", "noise", path, "--sensitivity-dbfs", "-38", "--format", "json");
        Assert.AreEqual(0, code, error);
        using var json = JsonDocument.Parse(output.Trim());
        Assert.AreEqual(112.0 - 8.6, json.RootElement.GetProperty("laeq_db").GetDouble(), 0.2);
    }

    [TestMethod]
    public async Task TableOutputNamesTheFileAndItsFormat()
    {
        string path = Write(TestWav.Build(16000, 16, 1, 1, TestWav.Sine(1000, 16000, 0.1, 1.0)));
        var (code, output, _) = await CliRun.RunAsync("replay", "noise", path);
        Assert.AreEqual(0, code);
        StringAssert.Contains(output, "16000 Hz, 16-bit");
        StringAssert.Contains(output, "100.0");
    }

    [TestMethod]
    [DataRow("stereo", "channels", "byte 22")]
    [DataRow("8-bit", "bits per sample", "byte 34")]
    [DataRow("float", "audio format", "byte 20")]
    [DataRow("8kHz", "sample rate", "byte 24")]
    [DataRow("not-riff", "chunk id", "byte 0")]
    [DataRow("truncated", "chunk size", "byte 40")]
    [DataRow("empty", "header", "byte 0")]
    [DataRow("too-short", "too little audio", "")]
    public async Task UnusableFilesGetAnErrorNamingWhatIsWrong(string problem, string field, string offset)
    {
        byte[] file = problem switch
        {
            "stereo" => TestWav.Build(16000, 16, 2, 1, TestWav.Sine(1000, 16000, 0.1, 0.5)),
            "8-bit" => TestWav.Build(16000, 8, 1, 1, TestWav.Sine(1000, 16000, 0.1, 0.5)),
            "float" => TestWav.Build(16000, 32, 1, 3, TestWav.Sine(1000, 16000, 0.1, 0.5)),
            "8kHz" => TestWav.Build(8000, 16, 1, 1, TestWav.Sine(1000, 8000, 0.1, 0.5)),
            "not-riff" => [.. "RIFX"u8, .. TestWav.Build(16000, 16, 1, 1, TestWav.Sine(1000, 16000, 0.1, 0.5))[4..]],
            "truncated" => TestWav.Build(16000, 16, 1, 1, TestWav.Sine(1000, 16000, 0.1, 0.5))[..1000],
            "empty" => [],
            _ => TestWav.Build(16000, 16, 1, 1, TestWav.Sine(1000, 16000, 0.1, 0.02)),
        };
        string path = Write(file);
        var (code, output, error) = await CliRun.RunAsync("replay", "noise", path, "--format", "json");
        Assert.AreEqual(ExitCodes.InvalidInput, code, output);
        StringAssert.Contains(error, field);
        StringAssert.Contains(error, offset);
        Assert.AreEqual("", output.Trim(), "no levels for a bad file");
    }

    [TestMethod]
    public async Task ChunksBeforeTheFormatAreSkipped()
    {
        // A LIST chunk of 4 bytes (INFO) ahead of "fmt ", as many recorders write.
        byte[] list = [.. "LIST"u8, 4, 0, 0, 0, .. "INFO"u8];
        string path = Write(TestWav.Build(16000, 16, 1, 1, TestWav.Sine(1000, 16000, 0.1, 1.0), list));
        var (code, output, error) = await CliRun.RunAsync("replay", "noise", path, "--format", "json");
        Assert.AreEqual(0, code, error);
        using var json = JsonDocument.Parse(output.Trim());
        Assert.AreEqual(100.0, json.RootElement.GetProperty("laeq_db").GetDouble(), 0.1);
    }

    [TestMethod]
    public async Task AFileEndingInAnUnpaddedOddChunkIsMissingItsDataAtItsLastByte()
    {
        // RIFF, then "fmt " and a 7-byte LIST chunk whose pad byte (RIFF bodies are word-aligned) is cut off:
        // the error's offset is where the file ends (byte 51 of 51), not one past it.
        byte[] header = TestWav.Build(16000, 16, 1, 1, [])[..36];
        string path = Write([.. header, .. "LIST"u8, 7, 0, 0, 0, .. "INFOabc"u8]);
        var (code, _, error) = await CliRun.RunAsync("replay", "noise", path);
        Assert.AreEqual(ExitCodes.InvalidInput, code, error);
        StringAssert.Contains(error, "no 'data' chunk");
        StringAssert.Contains(error, "byte 51");
    }

    [TestMethod]
    public async Task AnExtensibleFormatChunkTooShortForItsSubFormatIsRefusedAtItsSize()
    {
        // WAVE_FORMAT_EXTENSIBLE (0xFFFE) declares its sub-format GUID at bytes 24..39 of a 40-byte "fmt " chunk
        // (Microsoft, WAVEFORMATEXTENSIBLE). This chunk says 24 bytes: the error names the chunk's size field
        // (byte 16), not a sub-format past the chunk's end.
        byte[] fmt = [.. "fmt "u8, 24, 0, 0, 0, 0xFE, 0xFF, 1, 0, 0x80, 0x3E, 0, 0, 0, 0x7D, 0, 0, 2, 0, 16, 0, 22, 0, 16, 0, 4, 0, 0, 0];
        byte[] data = [.. "data"u8, 4, 0, 0, 0, 0, 0, 0, 0];
        byte[] riff = [.. "RIFF"u8, (byte)(4 + fmt.Length + data.Length), 0, 0, 0, .. "WAVE"u8];
        string path = Write([.. riff, .. fmt, .. data]);
        var (code, _, error) = await CliRun.RunAsync("replay", "noise", path);
        Assert.AreEqual(ExitCodes.InvalidInput, code, error);
        StringAssert.Contains(error, "chunk size");
        StringAssert.Contains(error, "byte 16");
        StringAssert.Contains(error, "40");
    }

    private string Write(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"cityedge-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, bytes);
        _files.Add(path);
        return path;
    }

}
