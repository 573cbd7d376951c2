// Signature-only declarations: API facts (names and types), no library code (../README.md).
// Base classes (Bmx280Base, Bmxx80Base) are folded into Bme280; Bmp280ReadResult's members into Bme280ReadResult.
// The commit behind 1.2.1016 was not identified (docs/device-app.md "Not verified"); the Bme280 API is unchanged across the history read.
// assembly: Iot.Device.Bmxx80, Version=1.2.0.0
// package: nanoFramework.Iot.Device.Bmxx80 1.2.1016
// references: System.Device.I2c, nanoFramework.UnitsNet.Temperature, nanoFramework.UnitsNet.Pressure, nanoFramework.UnitsNet.RelativeHumidity
// source: nanoframework/nanoFramework.IoT.Device @ 122ebb1a7aa12f29df2c177a8f79dca963fa4c1e, devices/Bmxx80/Bme280.cs, Bmx280Base.cs, Bmxx80Base.cs, Sampling.cs, ReadResult/Bme280ReadResult.cs, ReadResult/Bmp280ReadResult.cs
namespace Iot.Device.Bmxx80
{
    using System.Device.I2c;
    using Iot.Device.Bmxx80.ReadResult;
    using UnitsNet;

    public enum Sampling : byte
    {
        Skipped = 0b000,
        UltraLowPower = 0b001,
        LowPower = 0b010,
        Standard = 0b011,
        HighResolution = 0b100,
        UltraHighResolution = 0b101,
    }

    public class Bme280 : System.IDisposable
    {
        public Bme280(I2cDevice i2cDevice) { }
        public Sampling HumiditySampling { get => throw null; set => throw null; }
        public Sampling PressureSampling { get => throw null; set => throw null; }
        public Sampling TemperatureSampling { get => throw null; set => throw null; }
        public Bme280ReadResult Read() => throw null;
        public bool TryReadHumidity(out RelativeHumidity humidity) => throw null;
        public bool TryReadTemperature(out Temperature temperature) => throw null;
        public bool TryReadPressure(out Pressure pressure) => throw null;
        public int GetMeasurementDuration() => throw null;
        public void Reset() => throw null;
        public void Dispose() => throw null;
    }
}

namespace Iot.Device.Bmxx80.ReadResult
{
    using UnitsNet;

    public class Bme280ReadResult
    {
        public Bme280ReadResult(Temperature temperature, bool temperatureIsValid, Pressure pressure, bool pressureIsValid, RelativeHumidity humidity, bool humidityIsValid) { }
        public Temperature Temperature => throw null;
        public bool TemperatureIsValid => throw null;
        public Pressure Pressure => throw null;
        public bool PressureIsValid => throw null;
        public RelativeHumidity Humidity => throw null;
        public bool HumidityIsValid => throw null;
    }
}
