using System.Text;
using CityEdge.Link;

namespace CityEdge.Core.Tests.Link;

[TestClass]
public sealed class Crc32Tests
{
    [TestMethod]
    public void CheckValueOfTheStandardString()
    {
        // CRC-32/ISO-HDLC check value (the catalogue's "check" for "123456789").
        Assert.AreEqual(0xCBF43926U, Crc32.Compute(Encoding.ASCII.GetBytes("123456789"), 0, 9));
    }

    [TestMethod]
    public void IncrementalEqualsWhole()
    {
        byte[] data = Encoding.ASCII.GetBytes("xx123456789yy");

        uint split = Crc32.Finish(Crc32.Update(Crc32.Update(Crc32.Start(), data, 2, 4), data, 6, 5));

        Assert.AreEqual(0xCBF43926U, split);
    }
}
