using System;
using System.Device.I2c;
using System.Threading;
using CityEdge.Climate;
using CityEdge.Device;
using CityEdge.Device.Hal;
using CityEdge.Drivers;
using CityEdge.Drivers.Bh1750;
using CityEdge.Drivers.Hmc5883l;
using CityEdge.Drivers.Pms5003;
using CityEdge.Drivers.Qmc5883l;
using CityEdge.Air;
using CityEdge.Board;
using CityEdge.Parking;
using nanoFramework.TestFramework;

namespace CityEdge.Tests.Hardware
{
    /// <summary>
    /// The I2C parts of the kit answer at their addresses and the sensors read values a bench can have.
    /// Proves the hardware plan's buses and pins, the wiring and pull-ups, and each driver on its real chip.
    /// </summary>
    [TestClass]
    public class I2cAndSensorTests
    {
        [TestMethod]
        public void EveryI2cPartOfThePlanAnswersAtItsAddress()
        {
            PlannedI2cDevice[] parts = new PlannedI2cDevice[2 + Bench.Plan.Bays.Length];
            parts[0] = Bench.Plan.Bme280;
            parts[1] = Bench.Plan.Bh1750;
            for (int i = 0; i < Bench.Plan.Bays.Length; i++)
            {
                parts[2 + i] = Bench.Plan.Bays[i].Device;
            }

            int found = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                PlannedI2cDevice part = parts[i];
                if (part == null)
                {
                    continue;
                }

                I2cDevice device = Program.OpenI2c(part, Bench.Log);
                Assert.IsNotNull(device, part.Part + ": the bus opens");
                byte[] register = new byte[] { 0x00 };
                byte[] value = new byte[1];
                I2cTransferResult result = device.WriteRead(new SpanByte(register), new SpanByte(value));
                Assert.IsTrue(result.Status != I2cTransferStatus.SlaveAddressNotAcknowledged, part.Part + ": no acknowledge at 0x" + part.Address.ToString("X2"));
                Assert.IsTrue(result.Status == I2cTransferStatus.FullTransfer, part.Part + ": transfer status " + ((int)result.Status).ToString());
                device.Dispose();
                found++;
            }

            Bench.SkipUnless(found > 0, "the board file lists no I2C part");
        }

        [TestMethod]
        public void TheBme280ReadsABenchClimate()
        {
            Bench.SkipUnless(Bench.Plan.Bme280 != null, "no BME280 on this kit");
            Bme280ClimateSensor sensor = new Bme280ClimateSensor(Program.OpenI2c(Bench.Plan.Bme280, Bench.Log));
            ClimateSample sample = new ClimateSample();

            Assert.IsTrue(sensor.TryRead(sample), "read, fault " + ((int)sensor.LastFault).ToString());
            Assert.IsTrue(sample.TemperatureDegC > 5f && sample.TemperatureDegC < 45f, "indoor temperature, got " + sample.TemperatureDegC.ToString());
            Assert.IsTrue(sample.HumidityPct > 5f && sample.HumidityPct < 95f, "humidity, got " + sample.HumidityPct.ToString());
            Assert.IsTrue(sample.PressureHpa > 850f && sample.PressureHpa < 1085f, "pressure up to 1500 m, got " + sample.PressureHpa.ToString());
        }

        [TestMethod]
        public void TheBh1750ReadsLux()
        {
            Bench.SkipUnless(Bench.Plan.Bh1750 != null, "no BH1750 on this kit");
            Bh1750 sensor = new Bh1750(new I2cBusDevice(Program.OpenI2c(Bench.Plan.Bh1750, Bench.Log)));
            float lux;

            Assert.IsTrue(sensor.StartMeasurement(), "measurement started");
            Thread.Sleep(sensor.ConversionMs + 20);
            Assert.IsTrue(sensor.TryReadLux(out lux), "read");
            Assert.IsTrue(lux >= 0f && lux < 65536f, "lux in the chip's range, got " + lux.ToString());
        }

        [TestMethod]
        public void ABayMagnetometerPassesItsSelfCheckAndSeesTheEarthsField()
        {
            Bench.SkipUnless(Bench.Plan.Bays.Length > 0, "no magnetometer for bay 0 on this kit (or parking.bays = 0)");
            PlannedBay bay = Bench.Plan.Bays[0];
            I2cBusDevice bus = new I2cBusDevice(Program.OpenI2c(bay.Device, Bench.Log));
            IMagnetometerCheck check = bay.IsQmc5883l ? new Qmc5883lStartupCheck(new Qmc5883l(bus), "bay0: " + bay.Slot, "bay0.hmc5883l.bus")
                : (IMagnetometerCheck)new Hmc5883lStartupCheck(new Hmc5883l(bus), "bay0: " + bay.Slot, "bay0.qmc5883l.bus");
            int result = MagnetometerStartup.Pending;
            for (int step = 0; step < MagnetometerStartup.MaxSteps && result == MagnetometerStartup.Pending; step++)
            {
                Thread.Sleep(MagnetometerStartup.StepMs);
                result = check.Step();
            }

            Assert.AreEqual(MagnetometerStartup.Passed, result, check.Describe());
            MagneticSample sample = new MagneticSample();
            Thread.Sleep(200);
            Assert.IsTrue(check.Sensor.TryRead(sample), "read");
            double magnitude = System.Math.Sqrt((sample.XUt * sample.XUt) + (sample.YUt * sample.YUt) + (sample.ZUt * sample.ZUt));
            Assert.IsTrue(magnitude > 15 && magnitude < 100, "the Earth's field is 25-65 µT; a bench may add a little, got " + magnitude.ToString());
        }

        [TestMethod]
        public void ThePms5003DeliversAFrameWithinItsSpinUp()
        {
            Bench.SkipUnless(Bench.Plan.Pms5003 != null, "no PMS5003 on this kit");
            Pms5003 sensor = new Pms5003(new SerialPortUart(Program.OpenUart(Bench.Plan.Pms5003, Pms5003Protocol.BaudRate)));
            ParticulateSample sample = new ParticulateSample();
            sensor.Wake();
            bool read = false;

            // The datasheet's 30 s after waking before readings are stable; a frame comes every 1-2.3 s.
            for (int second = 0; second < 40 && !read; second++)
            {
                Thread.Sleep(1000);
                read = sensor.TryRead(sample);
            }

            sensor.Sleep();
            Assert.IsTrue(read, "a valid frame within 40 s, fault " + ((int)sensor.LastFault).ToString());
            Assert.IsTrue(sample.Pm2_5UgM3 >= 0 && sample.Pm2_5UgM3 < 1000, "PM2.5 in the sensor's range, got " + sample.Pm2_5UgM3.ToString());
        }
    }
}
