using System.Collections;
using CityEdge.Config;
using CityEdge.Health;
using CityEdge.Host.Simulation;
using CityEdge.Lighting;
using CityEdge.Node;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Lighting;

/// <summary>
/// Issue 17, defect 2: curves that passed `config check` produced NaN — every report then failed in
/// the codec, and a NaN duty passed the clamp. Non-finite and out-of-range points are refused, no
/// clamp lets NaN through, and a value the frame cannot carry never stops the node's reports.
/// </summary>
[TestClass]
public sealed class NonFiniteLightingTests
{
    private static List<string> Errors(string line)
    {
        var errors = new ArrayList();
        NodeConfig.Parse("node.id = lamp-1\n" + line + "\n", errors);
        return errors.Cast<ConfigError>().Select(e => e.ToString()).ToList();
    }

    [TestMethod]
    [DataRow("lighting.driver_efficiency = -1e38:50,1e38:90")]
    [DataRow("lighting.duty_curve = -Infinity:2,100:46")]
    [DataRow("lighting.duty_curve = 0:0,Infinity:100")]
    [DataRow("lighting.duty_curve = 0:0,NaN:100")]
    [DataRow("lighting.duty_curve = 0:NaN,100:100")]
    [DataRow("lighting.duty_curve = 0:0,150:100")]
    [DataRow("lighting.driver_efficiency = -10:70,100:91")]
    public void ACurveWithANonFiniteOrOutOfRangePointIsRefusedNamingTheKey(string line)
    {
        var errors = Errors(line);

        string key = line[..line.IndexOf(' ')];
        Assert.AreEqual(1, errors.Count, string.Join("\n", errors));
        StringAssert.StartsWith(errors[0], "line 2: " + key + ": ");
    }

    [TestMethod]
    public void ACurveOverTheWholeLevelRangeIsStillAccepted()
    {
        Assert.AreEqual(0, Errors("lighting.duty_curve = 0:0,12.5:3,100:100").Count);
        Assert.AreEqual(0, Errors("lighting.driver_efficiency = 0:50,100:91").Count);
    }

    [TestMethod]
    public void TheCurveItselfRefusesNonFinitePoints()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new PiecewiseCurve([0f, 100f], [0f, float.NaN]));
        Assert.ThrowsExactly<ArgumentException>(() => new PiecewiseCurve([float.NegativeInfinity, 100f], [0f, 1f]));
        Assert.ThrowsExactly<ArgumentException>(() => new PiecewiseCurve([0f, float.PositiveInfinity], [0f, 1f]));
    }

    [TestMethod]
    public void TheCurveNeverOvershootsASegmentsEndSoItNeverFalls()
    {
        // Found by the curve fuzz target: single-precision rounding gave 96.90001 at x = 79.
        var curve = PiecewiseCurve.Parse("6.3:39.2,79:96.9", 0f, 100f, 0f, 100f, out _)!;

        Assert.AreEqual(96.9f, curve.ValueAt(79f));
        Assert.IsTrue(curve.ValueAt(79f) <= curve.ValueAt(79.5f));
    }

    [TestMethod]
    public void ANaNLevelGivesFullLightNotANaNDuty()
    {
        var curve = new PiecewiseCurve([0f, 100f], [0f, 100f]);
        var inverted = new SimulatedLampPwm(5000);
        var plain = new SimulatedLampPwm(5000);

        new LampOutput(inverted, curve, 10f, inverted: true).SetLevel(float.NaN);
        var output = new LampOutput(plain, curve, 10f, inverted: false);
        output.SetLevel(float.NaN);

        Assert.AreEqual(0f, inverted.DutyFraction, "inverting stage released: full light (the fail-safe)");
        Assert.AreEqual(1f, plain.DutyFraction);
        Assert.AreEqual(100f, output.AppliedLevelPct);
    }

    /// <summary>A mains meter whose driver hands back a value no meter can read.</summary>
    private sealed class BrokenMeter(float watts) : ILampPowerMeter
    {
        public bool TryReadPowerW(out float w)
        {
            w = watts;
            return true;
        }
    }

    [TestMethod]
    [DataRow(float.NaN)]
    [DataRow(-40f)]
    [DataRow(float.PositiveInfinity)]
    public void ABrokenMeterReadingNeverStopsTheReports(float watts)
    {
        var errors = new ArrayList();
        NodeConfig config = NodeConfig.Parse("node.id = lamp-1\nreport.period_s = 60\n", errors)!;
        var clock = new SimulatedClock(new DateTime(2026, 1, 24, 1, 0, 0, DateTimeKind.Utc));
        var link = new CityEdge.Core.Tests.Node.RecordingLink();
        var climate = new SimulatedClimateSensor(clock, seed: 5);
        var hardware = new NodeHardware { LampPwm = new SimulatedLampPwm(5000), LampMeter = new BrokenMeter(watts), Climate = climate };
        var node = new NodeRuntime(config, hardware, clock, new MemoryStore(), link, null);

        clock.RunUntil(node.Scheduler, 10 * 60_000);

        var frames = link.On(node.Topics.Telemetry);
        Assert.AreEqual(10, frames.Count, "one report a minute for ten minutes");
        var report = new TelemetryReport();
        foreach (byte[] frame in frames)
        {
            TelemetryCodec.Decode(frame, 0, frame.Length, report);
            Assert.IsTrue(report.HasClimate, "the other pipelines' values still go out");
            Assert.IsTrue(report.HasLamp);
            Assert.IsTrue(float.IsFinite(report.LampEnergyWh) && report.LampEnergyWh >= 0f);
        }
    }

    /// <summary>A pipeline with a bug: writes a value the frame cannot carry, or throws.</summary>
    private sealed class FaultyPipeline(bool throws) : INodePipeline
    {
        public void Run(long nowMs)
        {
        }

        public void Contribute(TelemetryReport report)
        {
            report.HasNoise = true;
            report.LaeqDb = float.NaN;
            if (throws)
            {
                throw new InvalidOperationException("pipeline bug");
            }
        }
    }

    private sealed class GoodClimate : INodePipeline
    {
        public void Run(long nowMs)
        {
        }

        public void Contribute(TelemetryReport report)
        {
            report.HasClimate = true;
            report.TemperatureDegC = 21.5f;
            report.HumidityPct = 40f;
            report.PressureHpa = 1013.2f;
        }
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void AFaultyContributionCostsOnlyItsOwnGroupAndIsNamedInHealth(bool throws)
    {
        var report = new TelemetryReport();
        byte[] scratch = new byte[TelemetryFrame.MaxLength];
        var log = new CollectingLogSink("n", () => DateTime.UnixEpoch);

        PipelineContribution.Add(new GoodClimate(), report, scratch, log);
        PipelineContribution.Add(new FaultyPipeline(throws), report, scratch, log);
        int length = TelemetryCodec.Encode(report, scratch, 0);

        var decoded = new TelemetryReport();
        TelemetryCodec.Decode(scratch, 0, length, decoded);
        Assert.IsTrue(decoded.HasClimate);
        Assert.AreEqual(21.5f, decoded.TemperatureDegC, 0.005f);
        Assert.IsFalse(decoded.HasNoise, "no made-up value for the faulty group");
        Assert.AreEqual(1, decoded.HealthEntryCount);
        Assert.AreEqual(FaultSource.Noise, decoded.GetFaultSource(0));
        Assert.AreEqual(throws ? FaultReason.Crashed : FaultReason.OutOfRange, decoded.GetFaultReason(0));
        Assert.IsTrue(log.Lines.Any(l => l.Contains("noise")), string.Join("\n", log.Lines));
    }
}
