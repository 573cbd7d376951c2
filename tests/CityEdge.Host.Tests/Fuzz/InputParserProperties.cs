using System.Globalization;
using CityEdge.Cli;
using CityEdge.Cli.Commands;
using CityEdge.Host.Audio;
using CityEdge.Host.Lighting;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Parking;
using CityEdge.Host.Reports;
using CityEdge.Host.Tests.Noise;
using CityEdge.Telemetry;
using CsCheck;

namespace CityEdge.Host.Tests.Fuzz;

/// <summary>
/// Property runs (CsCheck) over every input parser of the command centre's tools: numbers,
/// durations, dates, coordinates (the whole command line), paths, topics and node ids, broker
/// addresses, hex frames, event frames, WAV files and the parking and presence CSV files. Each
/// property: no exception but the parser's own, and what is accepted obeys the parser's contract.
/// CI runs a few hundred cases each (a few seconds in all); a long run:
/// CITYEDGE_FUZZ_ITERATIONS=1000000 ./tests/run --filter-namespace CityEdge.Host.Tests.Fuzz
/// (a failure prints the seed to replay).
/// </summary>
[TestClass]
public sealed class InputParserProperties
{
    private static readonly long Iterations = long.TryParse(Environment.GetEnvironmentVariable("CITYEDGE_FUZZ_ITERATIONS"), out long n) ? n : 400;

    /// <summary>Text that looks like what people type, and text that does not.</summary>
    private static readonly Gen<string> Typed = Gen.OneOf(
        Gen.String[Gen.Char["0123456789.,-+eEdhmsNaInfity: /#x_"], 0, 24],
        Gen.String[Gen.Char["0123456789"], 0, 30],
        Gen.String,
        Gen.Const(""),
        Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.String[Gen.Char['\0', '\uffff'], 0, 8]);

    [TestMethod]
    public void NumbersAreInRangeAndNeverReadADecimalComma()
    {
        Gen.Select(Typed, Gen.Double[-1e6, 1e6], Gen.Double[0, 1e6]).Sample((text, low, width) =>
        {
            bool ok = CommonOptions.TryParseNumber(text, low, low + width, out double value, out string? problem);
            if (ok)
            {
                Assert.IsTrue(double.IsFinite(value) && value >= low && value <= low + width, text);
                Assert.DoesNotContain(",", text);
            }
            else
            {
                AssertShortProblem(problem);
            }
        }, iter: Iterations, threads: 1);
    }

    [TestMethod]
    public void IntegersAreWholeAndInRange()
    {
        Gen.Select(Typed, Gen.Int, Gen.Int[0, int.MaxValue]).Sample((text, low, width) =>
        {
            int high = (int)Math.Min(int.MaxValue, (long)low + width);
            if (CommonOptions.TryParseInteger(text, low, high, out int value, out string? problem))
            {
                Assert.IsTrue(value >= low && value <= high);
                Assert.AreEqual(value, long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            }
            else
            {
                AssertShortProblem(problem);
            }
        }, iter: Iterations, threads: 1);
    }

    [TestMethod]
    public void DurationsAreInRangeAndAddUpTheirUnits()
    {
        Typed.Sample(text =>
        {
            if (CommonOptions.TryParseDuration(text, TimeSpan.Zero, CommonOptions.MaxDuration, wholeSeconds: false, out var value, out string? problem))
            {
                Assert.IsTrue(value > TimeSpan.Zero && value <= CommonOptions.MaxDuration, text);
            }
            else
            {
                AssertShortProblem(problem);
            }
        }, iter: Iterations, threads: 1);

        // Written from its parts, a duration reads back as the sum of its parts.
        Gen.Select(Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[1, 99]).Sample((d, h, m, s) =>
        {
            string text = (d > 0 ? $"{d}d" : "") + (h > 0 ? $"{h}h" : "") + (m > 0 ? $"{m}m" : "") + $"{s}s";
            Assert.IsTrue(CommonOptions.TryParseDuration(text, TimeSpan.Zero, CommonOptions.MaxDuration, wholeSeconds: true, out var value, out _), text);
            Assert.AreEqual(new TimeSpan(d, h, m, s), value, text);
        }, iter: Iterations, threads: 1);
    }

    [TestMethod]
    public void DatesAreRealDates()
    {
        Gen.OneOf(Typed, Gen.DateOnly.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Sample(text =>
        {
            if (CommonOptions.TryParseDate(text, out var date, out string? problem))
            {
                Assert.AreEqual(text, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
            else
            {
                AssertShortProblem(problem);
            }
        }, iter: Iterations, threads: 1);
    }

    /// <summary>A topic root or node id that is accepted can never widen a subscription or escape its level.</summary>
    [TestMethod]
    public void TopicsAndNodeIdsAreSafeToPutInATopic()
    {
        var topical = Gen.OneOf(Typed, Gen.String[Gen.Char["abc019-_/+#A $"], 0, 70]);
        topical.Sample(text =>
        {
            if (CommonOptions.TryParseTopicRoot(text, out _, out string? problem))
            {
                Assert.IsFalse(text.Contains('+') || text.Contains('#') || text.Contains("//", StringComparison.Ordinal) || text.StartsWith('/') || text.EndsWith('/'), text);
                Assert.IsTrue(text.Length is > 0 and <= 64);
            }
            else
            {
                AssertShortProblem(problem);
            }

            if (CommonOptions.TryParseNodeId(text, out _, out problem))
            {
                Assert.IsTrue(text.Length is > 0 and <= 32 && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'), text);
            }
            else
            {
                AssertShortProblem(problem);
            }
        }, iter: Iterations, threads: 1);
    }

    [TestMethod]
    public void PathsNeverThrow()
    {
        string folder = Path.GetTempPath();
        Gen.OneOf(Typed, Gen.Const(folder), Gen.Const("/dev/null"), Gen.Const(new string('a', 5000)), Gen.String[Gen.Char["./a\0~*?"], 0, 12]).Sample(text =>
        {
            AssertPath(CommonOptions.TryParseInputFile(text, out var input, out string? problem), input?.FullName, problem, mustExist: true);
            AssertPath(CommonOptions.TryParseOutputFile(text, out var output, out problem), output?.FullName, problem, mustExist: false);
            AssertPath(CommonOptions.TryParseFolder(text, out var outFolder, out problem), outFolder?.FullName, problem, mustExist: false);
        }, iter: Iterations, threads: 1);
    }

    [TestMethod]
    public void BrokerAddressesThrowOnlyFormatErrors()
    {
        Gen.OneOf(Typed, Gen.String[Gen.Char["[]:0123456789abc.:"], 0, 20]).Sample(text =>
        {
            try
            {
                var address = BrokerAddress.Parse(text);
                Assert.IsTrue(address.Port is >= 1 and <= 65535 && address.Host.Length > 0);
                Assert.AreEqual(address, BrokerAddress.Parse(address.ToString()), "prints as it parses");
            }
            catch (FormatException)
            {
            }
        }, iter: Iterations, threads: 1);
    }

    [TestMethod]
    public void HexFramesRoundTrip()
    {
        Gen.OneOf(Typed, Gen.Byte.Array[0, 50].Select(b => "0x" + Convert.ToHexString(b)), Gen.Byte.Array[0, 50].Select(b => string.Join(':', b.Select(x => x.ToString("x2", CultureInfo.InvariantCulture))))).Sample(text =>
        {
            if (DecodeCommand.TryParseHex(text, out byte[] bytes, out string? problem))
            {
                Assert.IsLessThanOrEqualTo(DecodeCommand.MaxFrameLength + 1, bytes.Length);
                Assert.IsTrue(DecodeCommand.TryParseHex(Convert.ToHexString(bytes), out byte[] again, out _));
                CollectionAssert.AreEqual(bytes, again);
            }
            else
            {
                AssertShortProblem(problem);
            }
        }, iter: Iterations, threads: 1);
    }

    /// <summary>The command centre's decoders take any bytes: only FrameFormatException, naming a byte inside the frame.</summary>
    [TestMethod]
    public void EventAndTelemetryDecodersThrowOnlyFormatErrors()
    {
        var valid = Convert.FromHexString("0101002A69A5470407030100000200EA");
        Gen.OneOf(Gen.Byte.Array[0, 48], Gen.Int[0, valid.Length - 1].SelectMany(at => Gen.Byte.Select(b => Mutate(valid, at, b)))).Sample(frame =>
        {
            try
            {
                var e = EventReport.Decode(frame);
                Assert.AreEqual(EventFrame.HeaderLength + e.Payload.Length, frame.Length);
            }
            catch (FrameFormatException ex)
            {
                Assert.IsTrue(ex.Offset >= 0 && ex.Offset <= frame.Length, ex.Message);
            }

            try
            {
                TelemetryCodec.Decode(frame, 0, frame.Length, new TelemetryReport());
            }
            catch (FrameFormatException)
            {
            }
        }, iter: Iterations, threads: 1);
    }

    /// <summary>Random bytes and single-byte mutations of a valid file: only WavFormatException; a file that opens reads its samples.</summary>
    [TestMethod]
    public void WavFilesThrowOnlyWavFormatErrors()
    {
        byte[] valid = TestWav.Build(16000, 16, 1, 1, TestWav.Sine(1000, 16000, 0.1, 0.05));
        var mutated = Gen.Select(Gen.Int[0, 60], Gen.Byte, Gen.Int[0, valid.Length]).Select((at, b, cut) => Mutate(valid, at, b)[..cut]);
        Gen.OneOf(Gen.Byte.Array[0, 64], mutated, Gen.Byte.Array[0, 16].Select(tail => (byte[])[.. "RIFF"u8, 0xff, 0xff, 0xff, 0x7f, .. "WAVEfmt "u8, .. tail])).Sample(bytes =>
        {
            try
            {
                using var source = WavFileSource.Open(new MemoryStream(bytes));
                var buffer = new int[1024];
                long total = 0;
                for (int n; (n = source.Read(buffer, 0, buffer.Length)) > 0;)
                {
                    total += n;
                }

                Assert.AreEqual(source.SampleCount, total);
            }
            catch (WavFormatException ex)
            {
                Assert.IsLessThan(300, ex.Message.Length, ex.Message);
            }
        }, iter: Iterations, threads: 1);
    }

    [TestMethod]
    public void ParkingAndPresenceCsvThrowOnlyTheirOwnErrors()
    {
        var cell = Gen.OneOf(Gen.Const(""), Gen.Int[-5, 20].Select(i => i.ToString(CultureInfo.InvariantCulture)), Gen.Double[-100, 100].Select(d => d.ToString("R", CultureInfo.InvariantCulture)), Typed);
        var line = cell.Array[0, 7].Select(cells => string.Join(',', cells));
        var readings = line.Array[0, 12].Select(lines => "t,bay,x_ut,y_ut,z_ut\n" + string.Join('\n', lines));
        var truth = line.Array[0, 12].Select(lines => "t,bay,occupied\n" + string.Join('\n', lines));
        var presence = Gen.OneOf(line, Gen.DateTime.Select(t => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + ",car")).Array[0, 8].Select(lines => "t_utc,source\n" + string.Join('\n', lines));
        Gen.Select(readings, truth, presence, Gen.Bool).Sample((r, t, p, raw) =>
        {
            try
            {
                foreach (var row in ParkingCsv.ReadReadings(new StringReader(raw ? r[20..] : r), "r.csv"))
                {
                    Assert.IsTrue(row.Bay is >= 0 and <= ParkingCsv.MaxBay && double.IsFinite(row.T));
                }
            }
            catch (ParkingCsvException ex)
            {
                Assert.IsTrue(ex.Line >= 1, ex.Message);
            }

            try
            {
                ParkingCsv.ReadTruth(new StringReader(t), "t.csv");
            }
            catch (ParkingCsvException)
            {
            }

            try
            {
                PresenceEvent.ReadCsv(new StringReader(p), "p.csv");
            }
            catch (FormatException)
            {
            }
        }, iter: Iterations, threads: 1);
    }

    /// <summary>
    /// The whole command line: any command with any of its options given any value (coordinates,
    /// numbers, durations, files…) parses without an exception; a bad value is an error naming it.
    /// </summary>
    [TestMethod]
    public void EveryCommandLineParsesWithoutAnException()
    {
        var root = CityEdgeCli.Build(CliConsole.ForTest(new StringWriter(), new StringWriter()));
        var commands = new List<(string[] Path, string[] Options)>();
        Collect(root, [], commands);
        var gen = Gen.Int[0, commands.Count - 1].SelectMany(i => Gen.Select(
            Gen.Int[0, commands[i].Options.Length - 1].Array[0, 4],
            Typed.Array[4],
            Typed.Array[0, 3]).Select((picks, values, positional) =>
        {
            var (path, options) = commands[i];
            var args = new List<string>(path);
            args.AddRange(positional);
            for (int k = 0; k < picks.Length; k++)
            {
                args.Add(options[picks[k]]);
                args.Add(values[k]);
            }

            return args.ToArray();
        }));
        gen.Sample(args =>
        {
            var parse = root.Parse(args);
            foreach (var error in parse.Errors)
            {
                Assert.DoesNotContain("System.", error.Message, string.Join(' ', args));
            }
        }, iter: Iterations * 5, threads: 1, print: args => string.Join(' ', args.Select(a => CityEdge.Host.Excerpt.Of(a))));
    }

    private static void Collect(System.CommandLine.Command command, string[] path, List<(string[], string[])> into)
    {
        var options = command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not ("--help" or "--version")).Select(o => o.Name).ToArray();
        if (command.Subcommands.Count == 0 && options.Length > 0)
        {
            into.Add((path, options));
        }

        foreach (var sub in command.Subcommands)
        {
            Collect(sub, [.. path, sub.Name], into);
        }
    }

    private static byte[] Mutate(byte[] bytes, int at, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[Math.Min(at, copy.Length - 1)] = value;
        return copy;
    }

    /// <summary>A refusal says something, briefly (an excerpt of the input, never all of it).</summary>
    private static void AssertShortProblem(string? problem)
    {
        Assert.IsFalse(string.IsNullOrEmpty(problem));
        Assert.IsLessThan(300, problem!.Length, problem);
    }

    private static void AssertPath(bool ok, string? path, string? problem, bool mustExist)
    {
        if (ok)
        {
            Assert.IsTrue(Path.IsPathFullyQualified(path!));
            Assert.IsTrue(!mustExist || File.Exists(path), path);
        }
        else
        {
            AssertShortProblem(problem);
        }
    }
}
