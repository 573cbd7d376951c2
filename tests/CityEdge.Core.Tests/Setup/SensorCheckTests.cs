using System.Collections;
using CityEdge.Air;
using CityEdge.Board;
using CityEdge.Climate;
using CityEdge.Config;
using CityEdge.Core.Tests.Board;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Host.Simulation;
using CityEdge.Lighting;
using CityEdge.Node;
using CityEdge.Parking;
using CityEdge.Setup;
using CityEdge.Tests;

namespace CityEdge.Core.Tests.Setup;

[TestClass]
public sealed class SensorCheckTests
{
    [TestMethod]
    public void EveryPlannedPartGetsAReadingOrAReasonWithoutBlocking()
    {
        var plan = HardwarePlan.FromFiles(RepoFiles.Read(BoardProfileTests.DevKitC), NodeConfig.Parse("node.id = a\nparking.bays = 2\n", new ArrayList()),
            new MemoryStore(), new ArrayList(), new ArrayList())!;
        var pms = new SilentPms();
        var hardware = new NodeHardware
        {
            Climate = new FixedClimate(),
            AmbientLight = new FixedLight(),
            Particulates = pms,
            PresencePins = [new LowPin()],
            Magnetometers = [new FixedMagnetometer(), null!],
        };
        var check = new SensorCheck(plan, hardware);

        check.Step(0);
        StringAssert.Contains(check.Report(), "BME280 climate (I2C bus 1 at 0x76, SDA GPIO 21, SCL GPIO 22): reading...");
        for (long ms = 500; ms < SensorCheck.ParticulateListenMs; ms += 500)
        {
            check.Step(ms);
        }

        Assert.IsFalse(check.IsDone, "the PMS5003 still has time to answer");
        check.Step(SensorCheck.ParticulateListenMs);

        Assert.IsTrue(check.IsDone);
        Assert.AreEqual(
            "BME280 climate (I2C bus 1 at 0x76, SDA GPIO 21, SCL GPIO 22): 21.4 C, 48.0 %RH, 1013.2 hPa\n"
            + "PMS5003 particulates (COM2, RX GPIO 16, TX GPIO 17): no answer in 10 s: check its 5 V supply and that its TX goes to the board's RX\n"
            + "SEN0232 sound level (GPIO 36, ADC1 channel 0): did not open (see the serial log for why)\n"
            + "BH1750 light (I2C bus 1 at 0x23, SDA GPIO 21, SCL GPIO 22): 123.4 lux\n"
            + "Lamp dimming PWM (GPIO 25, 5000 Hz): did not open (see the serial log for why)\n"
            + "Presence input (GPIO 27): low: nobody there\n"
            + "Bay 0 QMC5883L on I2C bus 2 at 0x0D: field 23.1 / -4.0 / 40.2 uT\n"
            + "Bay 1 HMC5883L on I2C bus 2 at 0x1E: did not open or failed its self-check (see the serial log)\n",
            check.Report());
        Assert.AreEqual((1, 10, 1), (pms.Wakes, pms.Requests, pms.Sleeps), "one request per second, and back to sleep");
    }

    private sealed class FixedClimate : IClimateSensor
    {
        public FaultReason LastFault => FaultReason.None;

        public bool TryRead(ClimateSample sample)
        {
            sample.TemperatureDegC = 21.42f;
            sample.HumidityPct = 48f;
            sample.PressureHpa = 1013.19f;
            return true;
        }
    }

    private sealed class FixedLight : IAmbientLightSensor
    {
        public int ConversionMs => 180;

        public FaultReason LastFault => FaultReason.None;

        public bool StartMeasurement() => true;

        public bool TryReadLux(out float lux)
        {
            lux = 123.4f;
            return true;
        }
    }

    private sealed class SilentPms : IParticulateSensor
    {
        public int Wakes { get; private set; }

        public int Requests { get; private set; }

        public int Sleeps { get; private set; }

        public FaultReason LastFault => FaultReason.NotResponding;

        public void Wake() => Wakes++;

        public void Sleep() => Sleeps++;

        public void RequestReading() => Requests++;

        public bool TryRead(ParticulateSample sample) => false;
    }

    private sealed class FixedMagnetometer : IMagnetometer
    {
        public FaultReason LastFault => FaultReason.None;

        public float FullScaleUt => 800f;

        public bool TryRead(MagneticSample sample)
        {
            sample.XUt = 23.1f;
            sample.YUt = -4.04f;
            sample.ZUt = 40.2f;
            return true;
        }
    }

    private sealed class LowPin : IGpioPin
    {
        public int PinNumber => 27;

        public bool Read() => false;

        public void Write(bool high)
        {
        }
    }
}
