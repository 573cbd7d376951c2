using System;
using CityEdge.Host.Simulation;
using CityEdge.Lighting;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Lighting
{
    [TestClass]
    public sealed class OutputAndMessageTests
    {
        [TestMethod]
        public void OutputFollowsCurveRespectsDriverMinimumAndInverts()
        {
            var pwm = new SimulatedLampPwm(5000);
            var curve = new PiecewiseCurve(new[] { 0f, 50f, 100f }, new[] { 0f, 38f, 100f });
            var output = new LampOutput(pwm, curve, 10f, inverted: true);

            output.SetLevel(25f);
            Assert.AreEqual(1f - 0.19f, pwm.DutyFraction, 1e-5f, "25 % is half way to 50 % on the curve: 19 % duty, inverted");
            output.SetLevel(75f);
            Assert.AreEqual(1f - 0.69f, pwm.DutyFraction, 1e-5f, "38 + (100 - 38) / 2");
            output.SetLevel(3f);
            Assert.AreEqual(10f, output.AppliedLevelPct, "below the driver's minimum: the minimum");
            output.SetLevel(0f);
            Assert.AreEqual(1f, pwm.DutyFraction, "off: the dim line held down all the time");
            output.SetLevel(100f);
            Assert.AreEqual(0f, pwm.DutyFraction, "full: the stage released, as with no firmware at all");

            var plain = new LampOutput(new SimulatedLampPwm(1250), curve, 0f, inverted: false);
            plain.SetLevel(100f);
            Assert.AreEqual(1f, plain.DutyFraction);
        }

        [TestMethod]
        public void OutputRefusesAFlickeringFrequency()
        {
            var curve = new PiecewiseCurve(new[] { 0f, 100f }, new[] { 0f, 100f });
            Assert.ThrowsExactly<ArgumentException>(() => new LampOutput(new SimulatedLampPwm(1000), curve, 10f, true));
        }

        [TestMethod]
        public void CurveParsingNamesThePoint()
        {
            Assert.IsNull(PiecewiseCurve.Parse("0:0,50:40,40:60", 0, 100, 0, 100, out string problem));
            StringAssert.Contains(problem, "point 3");
            Assert.IsNull(PiecewiseCurve.Parse("0:0,100:120", 0, 100, 0, 100, out problem));
            StringAssert.Contains(problem, "outside");
            Assert.IsNull(PiecewiseCurve.Parse("0:0,x", 0, 100, 0, 100, out problem));
            Assert.AreEqual(3, PiecewiseCurve.Parse("0:0, 50:38 ,100:100", 0, 100, 0, 100, out problem)!.PointCount);
        }

        [TestMethod]
        public void PowerModelScalesWithLevelAndDriverEfficiency()
        {
            var efficiency = new PiecewiseCurve(new[] { 10f, 25f, 50f, 100f }, new[] { 70f, 82f, 88f, 91f });
            var power = new PowerModel(40f, 0.5f, efficiency);
            Assert.AreEqual(0.5f, power.PowerW(0f));
            Assert.AreEqual(40f, power.PowerW(100f), 1e-4f);
            // 0.5 + 39.5 × 0.5 × 91 / 88 = 20.923 W.
            Assert.AreEqual(20.923f, power.PowerW(50f), 1e-3f);
            // 27 %: efficiency 82 + 6 × 2 / 25 = 82.48 %; 0.5 + 39.5 × 0.27 × 91 / 82.48 = 12.267 W.
            Assert.AreEqual(12.267f, power.PowerW(27f), 1e-3f);
        }

        [TestMethod]
        public void PresenceMessageVectorAndChecks()
        {
            byte[] id = PresenceMessage.EncodeNodeId("lamp-7");
            var buffer = new byte[PresenceMessage.MaxLength];
            int length = PresenceMessage.Encode(PresenceSource.Pir, 1795482000u, id, buffer, 0);
            // 1795482000 = 2026-11-24T01:00:00Z = 0x6B04E190.
            Assert.AreEqual("01016B04E190066C616D702D37", Convert.ToHexString(buffer, 0, length));
            Assert.AreEqual("cityedge/north/presence", PresenceMessage.Topic("cityedge", "north"));

            Assert.AreEqual("own", PresenceMessage.Check(buffer, 0, length, id, 1795482001u));
            byte[] other = PresenceMessage.EncodeNodeId("lamp-8");
            Assert.IsNull(PresenceMessage.Check(buffer, 0, length, other, 1795482010u));
            Assert.AreEqual("stale", PresenceMessage.Check(buffer, 0, length, other, 1795482011u));
            Assert.IsNull(PresenceMessage.Check(buffer, 0, length, other, 0u), "no clock: accept");
            StringAssert.StartsWith(PresenceMessage.Check(buffer, 0, length - 1, other, 0u), "malformed");
            buffer[1] = 9;
            StringAssert.StartsWith(PresenceMessage.Check(buffer, 0, length, other, 0u), "malformed");
        }

        [TestMethod]
        public void EventPayloadVectors()
        {
            var buffer = new byte[8];
            int n = LightingEvents.EncodeLampFault(LampFault.LampFailure, true, 67f, 27.37f, 0.6f, true, buffer);
            Assert.AreEqual("010186011200 06".Replace(" ", ""), Convert.ToHexString(buffer, 0, n));
            var frame = new byte[CityEdge.Telemetry.EventFrame.HeaderLength + n];
            int length = CityEdge.Telemetry.EventFrame.Encode(LightingEvents.LampFaultType, 5, 1795482000u, buffer, 0, n, frame, 0);
            Assert.AreEqual("0110" + "0005" + "6B04E190" + "07" + "01018601120006", Convert.ToHexString(frame, 0, length));
            n = LightingEvents.EncodeLampFault(LampFault.DayBurning, false, 100f, 40f, 0f, false, buffer);
            Assert.AreEqual("0200C80190FFFF", Convert.ToHexString(buffer, 0, n));
            n = LightingEvents.EncodeModeChanged(LightingMode.NoInputs, LightingMode.Schedule, 100f, buffer);
            Assert.AreEqual("0400C8", Convert.ToHexString(buffer, 0, n));
            n = LightingEvents.EncodeOverride((int)OverrideKind.Level, 27f, 3600, buffer);
            Assert.AreEqual("033600000E10", Convert.ToHexString(buffer, 0, n));
        }

        [TestMethod]
        public void PresenceInputIsDebounced()
        {
            var pin = new FakePin();
            var input = new PresenceInput(pin);
            pin.High = true;
            Assert.IsFalse(input.Update(0));
            pin.High = false;
            Assert.IsFalse(input.Update(50));
            pin.High = true;
            Assert.IsFalse(input.Update(60));
            Assert.IsFalse(input.Update(159), "high for 99 ms only");
            Assert.IsTrue(input.Update(160));
            Assert.IsTrue(input.IsActive);
            Assert.AreEqual(1, input.DetectionCount);
            Assert.IsFalse(input.Update(300), "still high: no new detection");
        }
    }
}
