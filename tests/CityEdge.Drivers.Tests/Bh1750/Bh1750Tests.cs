using CityEdge.Drivers.Bh1750;
using CityEdge.Hal;
using CityEdge.Health;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Drivers.Tests.Bh1750
{
    [TestClass]
    public sealed class Bh1750Tests
    {
        [TestMethod]
        public void MeasuresOnceInHighResolutionAndConvertsCountsToLux()
        {
            var device = new SimulatedBh1750(Bh1750Commands.AddressLow) { Lux = 28066.67 };
            var sensor = new CityEdge.Drivers.Bh1750.Bh1750(device);

            Assert.IsTrue(sensor.StartMeasurement());
            CollectionAssert.AreEqual(new byte[] { 0x01, 0x20 }, device.Instructions, "Power On, then One Time H-Resolution");
            Assert.AreEqual(180, sensor.ConversionMs);
            Assert.IsTrue(sensor.TryReadLux(out float lux));
            // Datasheet example: 1000_0011 1001_0000 = 33680 counts → 33680 / 1.2 = 28066.7 lx.
            Assert.AreEqual(28066.67f, lux, 0.01f);
            Assert.AreEqual(FaultReason.None, sensor.LastFault);
        }

        [TestMethod]
        public void LowLightKeepsOneLuxResolution()
        {
            var device = new SimulatedBh1750(Bh1750Commands.AddressHigh) { Lux = 20 };
            var sensor = new CityEdge.Drivers.Bh1750.Bh1750(device);
            sensor.StartMeasurement();
            Assert.IsTrue(sensor.TryReadLux(out float lux));
            Assert.AreEqual(20f, lux, 1e-4f, "24 counts / 1.2");
            Assert.AreEqual(1, device.Measurements);
        }

        [TestMethod]
        public void ReadingWithoutAStartedMeasurementIsStale()
        {
            var sensor = new CityEdge.Drivers.Bh1750.Bh1750(new SimulatedBh1750(Bh1750Commands.AddressLow));
            Assert.IsFalse(sensor.TryReadLux(out _));
            Assert.AreEqual(FaultReason.Stale, sensor.LastFault);
        }

        [TestMethod]
        public void BusFailuresAreReportedNotTurnedIntoDarkness()
        {
            var device = new SimulatedBh1750(Bh1750Commands.AddressLow) { Lux = 500, FailWith = BusStatus.NoAcknowledge };
            var sensor = new CityEdge.Drivers.Bh1750.Bh1750(device);
            Assert.IsFalse(sensor.StartMeasurement());
            Assert.AreEqual(FaultReason.NotResponding, sensor.LastFault);
            Assert.IsFalse(sensor.TryReadLux(out float lux));
            Assert.AreEqual(0f, lux);

            device.FailWith = BusStatus.Ok;
            Assert.IsTrue(sensor.StartMeasurement());
            device.FailWith = BusStatus.PartialTransfer;
            Assert.IsFalse(sensor.TryReadLux(out _));
            Assert.AreEqual(FaultReason.BadData, sensor.LastFault);
            Assert.AreEqual(2, sensor.ErrorCount);
        }
    }
}
