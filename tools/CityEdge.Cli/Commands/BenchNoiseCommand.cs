using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CityEdge.Host.Reports;
using CityEdge.Noise;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `cityedge bench noise`: host CPU time per second of audio for the sound level engine (A-weighting,
/// Fast, statistics) at each sample rate, and with --hour the full single-precision hour at 48 kHz
/// against a double-precision reference.
/// </summary>
internal static class BenchNoiseCommand
{
    private const float SensitivityDbfs = -26f;

    public static Command Create(CliConsole console)
    {
        var seconds = CommonOptions.Number("--seconds", "Wall-clock seconds to measure each sample rate for (0.1..600).", 0.1, 600, 3.0);
        var hour = new Option<bool>("--hour") { Description = "Also run one hour of 48 kHz audio in single precision and compare LAeq with double precision." };
        var format = CommonOptions.Format();
        var command = new Command("noise", "Host cost of the noise level engine per second of audio, and its single-precision accuracy over an hour.")
        {
            seconds, hour, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(seconds), parse.GetValue(hour), parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, double seconds, bool hour, bool json = false)
    {
        var ci = CultureInfo.InvariantCulture;
        if (json)
        {
            console.Out.WriteLine(ReportJson.Line(w =>
            {
                w.WriteStartObject();
                w.WriteString("kind", "machine");
                w.WriteNumber("cores", Environment.ProcessorCount);
                w.WriteString("dotnet", Environment.Version.ToString());
                w.WriteBoolean("high_resolution_timer", Stopwatch.IsHighResolution);
                w.WriteEndObject();
            }));
        }
        else
        {
            console.Out.WriteLine($"noise engine on {Environment.ProcessorCount} core(s), .NET {Environment.Version}, {(Stopwatch.IsHighResolution ? "high-resolution" : "coarse")} timer");
        }

        foreach (int rate in new[] { 16000, 32000, 48000 })
        {
            var meter = new SoundLevelMeter(rate, SensitivityDbfs, 0);
            var statistics = new LevelStatistics(0, 150);
            int[] audio = StreetLikeAudio(rate, 10);
            meter.Process(audio, 0, audio.Length, statistics);

            long samples = 0;
            var watch = new Stopwatch();
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            watch.Start();
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                for (int offset = 0; offset < audio.Length; offset += 1024)
                {
                    meter.Process(audio, offset, Math.Min(1024, audio.Length - offset), statistics);
                }

                samples += audio.Length;
            }

            watch.Stop();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

            // Process CPU time, not wall time: on a shared machine the wall clock also counts other work.
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
            double nsPerSample = cpuMs * 1e6 / samples;
            double msPerAudioSecond = nsPerSample * rate / 1e6;
            if (json)
            {
                double wallNs = watch.Elapsed.TotalMilliseconds * 1e6 / samples;
                console.Out.WriteLine(ReportJson.Line(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("kind", "rate");
                    w.WriteNumber("sample_rate_hz", rate);
                    w.WriteNumber("samples", samples);
                    w.WriteNumber("cpu_ns_per_sample", Math.Round(nsPerSample, 3));
                    w.WriteNumber("wall_ns_per_sample", Math.Round(wallNs, 3));
                    w.WriteNumber("cpu_ms_per_audio_s", Math.Round(msPerAudioSecond, 4));
                    w.WriteNumber("allocated_bytes", allocated);
                    w.WriteNumber("laeq_db", Math.Round(statistics.LaeqDb, 1));
                    w.WriteEndObject();
                }));
                continue;
            }

            console.Out.WriteLine(string.Create(ci,
                $"{rate,6} Hz: {nsPerSample,6:F2} ns/sample (wall {watch.Elapsed.TotalMilliseconds * 1e6 / samples:F2}), {msPerAudioSecond,6:F3} ms CPU per second of audio ({1000 / msPerAudioSecond,7:F0}x real time), {allocated} bytes allocated, LAeq {statistics.LaeqDb:F1} dB"));
        }

        if (hour)
        {
            RunHour(console, json);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The hour test of the suite, timed: 1 kHz tone stepping over 40 dB each minute; the
    /// reference is the double-precision mean of the per-minute energies.</summary>
    private static void RunHour(CliConsole console, bool json)
    {
        const int rate = 48000;
        var meter = new SoundLevelMeter(rate, SensitivityDbfs, 0);
        var statistics = new LevelStatistics(0, 150);
        var block = new int[4800];
        double w = 2 * Math.PI * 1000.0 / rate;
        double c = Math.Cos(w), s = Math.Sin(w);
        double re = 1, im = 0;
        double referenceEnergy = 0;
        float naiveSum = 0;
        var watch = Stopwatch.StartNew();
        for (int minute = 0; minute < 60; minute++)
        {
            double levelDb = 40 + (4 * ((minute * 7) % 11));
            double peak = Math.Pow(10, (levelDb - 120) / 20) * (2147483648.0 - 256);
            for (int done = 0; done < 60 * rate; done += block.Length)
            {
                for (int i = 0; i < block.Length; i++)
                {
                    block[i] = (int)(peak * im);
                    double nre = (re * c) - (im * s);
                    im = (re * s) + (im * c);
                    re = nre;
                    float x = (float)(block[i] / 2147483648.0 * Math.Sqrt(2) * 1e6);
                    naiveSum += x * x;
                }

                meter.Process(block, 0, block.Length, statistics);
            }

            referenceEnergy += Math.Pow(10, levelDb / 10) * 60 * rate;
        }

        watch.Stop();
        referenceEnergy -= Math.Pow(10, 40 / 10.0) * meter.SettleSampleCount;
        double reference = 10 * Math.Log10(referenceEnergy / (3600.0 * rate - meter.SettleSampleCount));
        double naive = 10 * Math.Log10(naiveSum / (3600.0 * rate));
        if (json)
        {
            console.Out.WriteLine(ReportJson.Line(w =>
            {
                w.WriteStartObject();
                w.WriteString("kind", "hour");
                w.WriteNumber("sample_rate_hz", rate);
                w.WriteNumber("seconds", Math.Round(watch.Elapsed.TotalSeconds, 1));
                w.WriteNumber("laeq_db", Math.Round(statistics.LaeqDb, 3));
                w.WriteNumber("reference_laeq_db", Math.Round(reference, 3));
                w.WriteNumber("difference_db", Math.Round(statistics.LaeqDb - reference, 4));
                w.WriteNumber("plain_float_sum_laeq_db", Math.Round(naive, 2));
                w.WriteEndObject();
            }));
            return;
        }

        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hour at 48 kHz (172.8 M samples, {watch.Elapsed.TotalSeconds:F1} s incl. generation): float engine LAeq {statistics.LaeqDb:F3} dB, double reference {reference:F3} dB, difference {statistics.LaeqDb - reference:F4} dB; a plain float sum would give {naive:F2} dB"));
    }

    /// <summary>Deterministic noise with a few tones, about -40 dBFS: representative work, no special cases.</summary>
    private static int[] StreetLikeAudio(int rate, int seconds)
    {
        var random = new Random(5);
        var audio = new int[rate * seconds];
        for (int i = 0; i < audio.Length; i++)
        {
            double t = (double)i / rate;
            double x = (0.01 * ((random.NextDouble() * 2) - 1)) + (0.005 * Math.Sin(2 * Math.PI * 120 * t)) + (0.003 * Math.Sin(2 * Math.PI * 1500 * t));
            audio[i] = (int)(x * 2147483647.0);
        }

        return audio;
    }
}
