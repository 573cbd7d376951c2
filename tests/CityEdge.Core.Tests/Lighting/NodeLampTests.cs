using System.Collections;
using CityEdge.Config;
using CityEdge.Hal;
using CityEdge.Host.Simulation;
using CityEdge.Node;
using CityEdge.Telemetry;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Lighting
{
    /// <summary>A node with a lamp fitted runs the lighting pipeline and reports the lamp group in frame v1.</summary>
    [TestClass]
    public sealed class NodeLampTests
    {
        [TestMethod]
        public void LampLevelAndEnergyArriveInTheReport()
        {
            var errors = new ArrayList();
            NodeConfig config = NodeConfig.Parse("node.id = lamp-1\nreport.period_s = 60\nlighting.latitude = 52.37\nlighting.longitude = 4.90\nlighting.utc_offset_min = 60\n", errors)!;
            var clock = new SimulatedClock(Street.Utc(24, 1, 0));
            var pwm = new SimulatedLampPwm(5000);
            var link = new CityEdge.Core.Tests.Node.RecordingLink();
            var runtime = new NodeRuntime(config, new NodeHardware { LampPwm = pwm }, clock, new MemoryStore(), link, null);
            Assert.IsNotNull(runtime.Lighting);

            for (long t = 0; t <= 60000; t += 100)
            {
                clock.AdvanceTo(t);
                runtime.Scheduler.RunDue();
            }

            Assert.AreEqual(1, link.On(runtime.Topics.Telemetry).Count);
            var report = new TelemetryReport();
            byte[] frame = link.On(runtime.Topics.Telemetry)[0];
            TelemetryCodec.Decode(frame, 0, frame.Length, report);
            Assert.IsTrue(report.HasLamp);
            Assert.AreEqual(27f, report.LampLevelPct, 0.5f, "night: the P6 minimum");
            // 12.27 W (power model at 27 %) for the 59.8 s since the first run: 0.2 Wh in 0.1 Wh steps.
            Assert.AreEqual(0.2f, report.LampEnergyWh, 0.051f);
            Assert.AreEqual(1f - 0.27f, pwm.DutyFraction, 1e-5f, "inverted duty");
            Assert.AreEqual(1, link.On(runtime.Topics.Events).Count, "the mode event: schedule from the boot state");
        }
    }
}
