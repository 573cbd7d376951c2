using CityEdge.Host.OpenData;
using CityEdge.Host.Performance;

namespace CityEdge.Host.Tests.OpenData;

/// <summary>The Cayenne LPP encoder against the payload examples of the Cayenne LPP documentation (myDevices).</summary>
[TestClass]
public sealed class CayenneLppTests
{
    [TestMethod]
    public void TwoTemperatureSensors()
    {
        // Channel 3: 27.2 °C; channel 5: 25.5 °C.
        byte[] lpp = new CayenneLpp().AddTemperature(3, 27.2).AddTemperature(5, 25.5).ToArray();

        Assert.AreEqual("03670110056700FF", Convert.ToHexString(lpp));
    }

    [TestMethod]
    public void TemperatureAndAccelerometer()
    {
        // Channel 1: -4.1 °C; channel 6: X 1.234 G, Y -1.234 G, Z 0 G.
        byte[] lpp = new CayenneLpp().AddTemperature(1, -4.1).AddAccelerometer(6, 1.234, -1.234, 0).ToArray();

        Assert.AreEqual("0167FFD7067104D2FB2E0000", Convert.ToHexString(lpp));
    }

    [TestMethod]
    public void GpsLocation()
    {
        // Channel 1: latitude 42.3519, longitude -87.9094, altitude 10 m.
        byte[] lpp = new CayenneLpp().AddGps(1, 42.3519, -87.9094, 10).ToArray();

        Assert.AreEqual("018806765FF2960A0003E8", Convert.ToHexString(lpp));
    }

    /// <summary>Vector A by hand: 21.5 °C = 215 (0.1 °C), 48.5 % = 97 (0.5 %), 1013.2 hPa = 10132 (0.1 hPa),
    /// PM 8/12/20 and LAeq/LAFmax 58.3/71.2 as analog inputs (0.01), bays as digital inputs, lamp 40 % as
    /// an analog output, 12.5 Wh as an analog input: 51 bytes.</summary>
    [TestMethod]
    public void TheReferenceReport()
    {
        string expected = "016700D7" + "026861" + "03732794"
            + "04020320" + "050204B0" + "060207D0"
            + "070216C6" + "08021BD0"
            + "140001" + "150000" + "160001" + "170000"
            + "1E030FA0" + "1F0204E2";

        Assert.AreEqual(expected, Convert.ToHexString(ReportCayenneLpp.Encode(PayloadBench.ReferenceReport())));
    }

    [TestMethod]
    public void AValueOutsideTheTypeIsRefusedNamingItsChannel()
    {
        var report = PayloadBench.ReferenceReport();
        report.Pm10UgM3 = 400;

        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ReportCayenneLpp.Encode(report));
        StringAssert.Contains(error.Message, "channel 6");
    }
}
