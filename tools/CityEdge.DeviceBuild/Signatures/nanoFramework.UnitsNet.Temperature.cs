// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: nanoFramework.UnitsNet.Temperature, Version=5.76.15.0
// package: nanoFramework.UnitsNet.Temperature 5.76.15
// source: nanoframework/nanoFramework.UnitsNet @ 19b239a52f732b70844d498016b316fc72d739e7, nanoFramework.UnitsNet/GeneratedCode/Quantities/Temperature.g.cs
namespace UnitsNet
{
    public struct Temperature
    {
        public double DegreesCelsius => throw null;
    }
}
