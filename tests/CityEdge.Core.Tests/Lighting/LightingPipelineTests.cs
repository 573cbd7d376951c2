using System;
using System.Collections;
using System.Collections.Generic;
using CityEdge.Config;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Host.Simulation;
using CityEdge.Lighting;
using CityEdge.Telemetry;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Lighting
{
    [TestClass]
    public sealed class LightingPipelineTests
    {
        private sealed class Sink : IPresenceSink
        {
            public List<byte[]> Sent { get; } = new List<byte[]>();

            public void Publish(byte[] payload, int offset, int count)
            {
                var copy = new byte[count];
                Array.Copy(payload, offset, copy, 0, count);
                Sent.Add(copy);
            }
        }

        private readonly SimulatedLampPwm _pwm = new SimulatedLampPwm(5000);
        private readonly FakePin _pir = new FakePin();
        private readonly FakeAmbient _ambient = new FakeAmbient();
        private readonly FakeMeter _meter = new FakeMeter();
        private SimulatedClock _clock = new SimulatedClock(Street.Utc(24, 1, 0));
        private readonly CollectingEvents _events = new CollectingEvents();

        private LightingPipeline Pipeline(bool ambient = false, bool meter = false, string extra = "")
        {
            return new LightingPipeline(Street.Config(extra), "lamp-1", _pwm, new IGpioPin[] { _pir }, ambient ? _ambient : null, meter ? _meter : null, _clock, _events, null);
        }

        private void RunUntil(LightingPipeline p, long endMs)
        {
            for (long t = _clock.MonotonicMs(); t <= endMs; t += 200)
            {
                _clock.AdvanceTo(t);
                p.Run(t);
            }
        }

        [TestMethod]
        public void BootsAtFullLightBeforeItsFirstRun()
        {
            Pipeline();
            Assert.AreEqual(0f, _pwm.DutyFraction, "inverting stage released: the driver's own full light");
        }

        [TestMethod]
        public void FirmwareFaultDrivesFullLightAndIsReported()
        {
            _clock.UtcValid = false;
            _ambient.Lux = 8000;
            LightingPipeline p = Pipeline(ambient: true);
            RunUntil(p, 70000);
            Assert.AreEqual(0f, p.Output.AppliedLevelPct, "photocell: bright day, lamp off");

            _ambient.Throws = true;
            _clock.AdvanceTo(80000);
            Assert.ThrowsExactly<InvalidOperationException>(() => p.Run(80000));
            Assert.AreEqual(100f, p.Output.AppliedLevelPct);
            Assert.AreEqual(0f, _pwm.DutyFraction);
            Assert.AreEqual(LightingMode.Fault, p.Controller.Mode);

            var report = new TelemetryReport();
            p.Contribute(report);
            Assert.AreEqual(FaultSource.Lamp, report.GetFaultSource(0));
            Assert.AreEqual(FaultReason.Crashed, report.GetFaultReason(0));
        }

        [TestMethod]
        public void ReportsLevelAndEnergyOfTheInterval()
        {
            _clock.UtcValid = false;
            LightingPipeline p = Pipeline();
            RunUntil(p, 60000);
            var report = new TelemetryReport();
            p.Contribute(report);
            Assert.IsTrue(report.HasLamp);
            Assert.AreEqual(100f, report.LampLevelPct);
            // No inputs: full, 40 W for 60 s = 0.667 Wh.
            Assert.AreEqual(40.0 * 60 / 3600, report.LampEnergyWh, 0.001);
            Assert.AreEqual(60, p.BurningS);
            p.Contribute(report);
            Assert.AreEqual(0f, report.LampEnergyWh, "the next interval starts from zero");
        }

        [TestMethod]
        public void LampFailureIsRaisedAfterAMinuteAndCleared()
        {
            _meter.Watts = 0.6f;
            LightingPipeline p = Pipeline(meter: true);
            RunUntil(p, 59000);
            Assert.IsFalse(_events.Events.Exists(e => e.Type == LightingEvents.LampFaultType));
            RunUntil(p, 61000);
            var raised = _events.Events.Find(e => e.Type == LightingEvents.LampFaultType);
            // Lamp failure, raised, 27 % = 54 half-steps, expected 12.27 W → 123, measured 0.6 W → 6.
            Assert.AreEqual("0101360 07B0006".Replace(" ", ""), Convert.ToHexString(raised.Payload));

            _meter.Watts = 12.3f;
            RunUntil(p, 122000);
            var cleared = _events.Events.FindLast(e => e.Type == LightingEvents.LampFaultType);
            Assert.AreEqual(0, cleared.Payload[1]);
            Assert.AreEqual(2, p.FaultEventCount);
        }

        [TestMethod]
        public void PowerWhileOffByDayIsADriverFaultAndDayBurning()
        {
            _clock = new SimulatedClock(Street.Utc(24, 12, 0));
            _meter.Watts = 40f;
            LightingPipeline p = Pipeline(meter: true);
            RunUntil(p, 61000);
            Assert.IsTrue(_events.Events.Exists(e => e.Type == LightingEvents.LampFaultType && e.Payload[0] == (int)LampFault.DriverFault && e.Payload[1] == 1));
            Assert.IsFalse(_events.Events.Exists(e => e.Type == LightingEvents.LampFaultType && e.Payload[0] == (int)LampFault.DayBurning));
            RunUntil(p, 15 * 60000 + 1000);
            Assert.IsTrue(_events.Events.Exists(e => e.Type == LightingEvents.LampFaultType && e.Payload[0] == (int)LampFault.DayBurning && e.Payload[1] == 1));
        }

        [TestMethod]
        public void NeighbourPresenceBoostsAndOwnEchoDoesNot()
        {
            LightingPipeline p = Pipeline();
            RunUntil(p, 1000);
            Assert.AreEqual(27f, p.Output.AppliedLevelPct);
            var buffer = new byte[PresenceMessage.MaxLength];
            int n = PresenceMessage.Encode(PresenceSource.Pir, 0, PresenceMessage.EncodeNodeId("lamp-1"), buffer, 0);
            p.OnNeighbourPresence(buffer, 0, n);
            RunUntil(p, 3000);
            Assert.AreEqual(27f, p.Output.AppliedLevelPct, "own message echoed by the broker");

            n = PresenceMessage.Encode(PresenceSource.Radar, 0, PresenceMessage.EncodeNodeId("lamp-2"), buffer, 0);
            p.OnNeighbourPresence(buffer, 0, n);
            RunUntil(p, 4600);
            Assert.AreEqual(67f, p.Output.AppliedLevelPct);
        }

        [TestMethod]
        public void LocalPresenceIsSharedAtMostTwicePerHold()
        {
            LightingPipeline p = Pipeline(extra: "lighting.group = north\n");
            var sink = new Sink();
            p.PresenceOut = sink;
            RunUntil(p, 1000);
            _pir.High = true;
            RunUntil(p, 20000);
            Assert.AreEqual(2, sink.Sent.Count, "at 1.2 s and 16.2 s (hold 30 s / 2)");
            Assert.AreEqual(1, sink.Sent[0][1]);
            Assert.AreEqual(67f, p.Output.AppliedLevelPct);
        }

        [TestMethod]
        public void ModeChangesAndOverridesAreEvents()
        {
            _clock.UtcValid = false;
            LightingPipeline p = Pipeline();
            RunUntil(p, 1000);
            _clock.UtcValid = true;
            RunUntil(p, 2000);
            var mode = _events.Events.Find(e => e.Type == LightingEvents.ModeChangedType);
            Assert.AreEqual("000436", Convert.ToHexString(mode.Payload), "Schedule from NoInputs at 27 %");

            p.SetOverride(OverrideKind.On, 0f, 2);
            RunUntil(p, 5000);
            var overrides = _events.Events.FindAll(e => e.Type == LightingEvents.OverrideType);
            Assert.AreEqual(2, overrides.Count);
            Assert.AreEqual("01C800000002", Convert.ToHexString(overrides[0].Payload));
            Assert.AreEqual(0, overrides[1].Payload[0], "expired");
        }

        [TestMethod]
        public void ConfigErrorsNameTheirKeys()
        {
            var errors = new ArrayList();
            Assert.IsNull(NodeConfig.Parse("node.id = a\nlighting.latitude = 52.4\nlighting.ambient_on_lux = 60\nlighting.road_class = M4\nlighting.duty_curve = 0:0,50:60,40:70\n", errors));
            string all = string.Join("\n", errors.ToArray());
            StringAssert.Contains(all, "line 2: lighting.latitude: lighting.latitude and lighting.longitude must be set together");
            StringAssert.Contains(all, "line 3: lighting.ambient_on_lux: lighting.ambient_off_lux 50 must be above lighting.ambient_on_lux 60");
            StringAssert.Contains(all, "line 4: lighting.road_class: M4 and P3 are of different series");
            StringAssert.Contains(all, "line 5: lighting.duty_curve: x must rise");

            LightingConfig defaults = NodeConfig.Parse("node.id = a\n", new ArrayList())!.Lighting;
            Assert.IsFalse(defaults.Settings.HasPosition);
            Assert.AreEqual(27f, defaults.Settings.ClassMinimumPct);
            Assert.IsTrue(defaults.PwmInverted);
        }
    }
}
