using CityEdge.Air;
using CityEdge.Health;
using Sensor = CityEdge.Drivers.Pms5003.Pms5003;

namespace CityEdge.Drivers.Tests.Pms5003;

[TestClass]
public sealed class Pms5003Tests
{
    // Command frames as listed in the data manual V2.3 Appendix II (check code = sum of the first five bytes).
    private static readonly byte[] Wake = Frames.Hex("42 4D E4 00 01 01 74");
    private static readonly byte[] SleepCommand = Frames.Hex("42 4D E4 00 00 01 73");
    private static readonly byte[] Passive = Frames.Hex("42 4D E1 00 00 01 70");
    private static readonly byte[] ReadPassive = Frames.Hex("42 4D E2 00 00 01 71");

    [TestMethod]
    public void Sends_the_data_manual_command_frames()
    {
        var uart = new ScriptedUart();
        var sensor = new Sensor(uart);

        sensor.Wake();
        sensor.RequestReading();
        sensor.RequestReading();
        sensor.Sleep();

        Assert.AreEqual(4, uart.Writes.Count);
        CollectionAssert.AreEqual(Wake, uart.Writes[0]);
        CollectionAssert.AreEqual(Frames.Concat(Passive, ReadPassive), uart.Writes[1], "first request after wake sets passive mode");
        CollectionAssert.AreEqual(ReadPassive, uart.Writes[2]);
        CollectionAssert.AreEqual(SleepCommand, uart.Writes[3]);
        Assert.AreEqual(1, uart.DiscardCount, "active-mode frames from the warm-up are dropped once");
    }

    [TestMethod]
    public void A_frame_split_over_reads_is_assembled_and_the_atmospheric_words_are_reported()
    {
        var uart = new ScriptedUart { ChunkSize = 3 };
        var sensor = new Sensor(uart);
        var sample = new ParticulateSample();
        byte[] frame = Frames.Atmospheric(6, 14, 25);

        uart.Receive(frame[..11]);
        Assert.IsFalse(sensor.TryRead(sample));
        Assert.AreEqual(FaultReason.NotResponding, sensor.LastFault);
        uart.Receive(frame[11..]);
        Assert.IsTrue(sensor.TryRead(sample));

        Assert.AreEqual(6, sample.Pm1_0UgM3);
        Assert.AreEqual(14, sample.Pm2_5UgM3);
        Assert.AreEqual(25, sample.Pm10UgM3);
        Assert.AreEqual(FaultReason.None, sensor.LastFault);
    }

    [TestMethod]
    public void Corrupt_frames_make_the_fault_bad_data_and_show_in_the_health_counters()
    {
        var uart = new ScriptedUart();
        var sensor = new Sensor(uart);
        var sample = new ParticulateSample();
        byte[] corrupt = Frames.Atmospheric(6, 14, 25);
        corrupt[20] ^= 0xFF;

        uart.Receive(corrupt);
        Assert.IsFalse(sensor.TryRead(sample));

        Assert.AreEqual(FaultReason.BadData, sensor.LastFault);
        Assert.AreEqual("pm_checksum_errors", sensor.GetHealthCounterName(1));
        Assert.AreEqual(1L, sensor.GetHealthCounterValue(1));
        Assert.AreEqual(32L, sensor.GetHealthCounterValue(4));
    }
}
