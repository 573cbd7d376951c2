// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: nanoFramework.UnitsNet.RelativeHumidity, Version=5.76.15.0
// package: nanoFramework.UnitsNet.RelativeHumidity 5.76.15
// source: nanoframework/nanoFramework.UnitsNet @ 19b239a52f732b70844d498016b316fc72d739e7, nanoFramework.UnitsNet/GeneratedCode/Quantities/RelativeHumidity.g.cs
namespace UnitsNet
{
    public struct RelativeHumidity
    {
        public double Percent => throw null;
    }
}
