using QmcDriver = CityEdge.Drivers.Qmc5883l;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Parking;

namespace CityEdge.Drivers.Tests;

[TestClass]
public sealed class Qmc5883lTests
{
    [TestMethod]
    public void InitializeChecksTheChipIdAndWritesTheInGroundConfiguration()
    {
        var chip = new FakeQmc5883l();
        var driver = new QmcDriver.Qmc5883l(chip);

        Assert.IsTrue(driver.Initialize());

        // Datasheet table 16: OSR 512 = 00, RNG 8 G = 01, ODR 10 Hz = 00, MODE continuous = 01 -> 0b0001_0001.
        Assert.AreEqual(0x11, chip.Register(0x09));
        Assert.AreEqual(0x01, chip.Register(0x0B), "SET/RESET period: the datasheet's recommended 0x01");
        Assert.AreEqual(1, chip.SoftResets);
        Assert.AreEqual(800f, driver.FullScaleUt);
    }

    [TestMethod]
    public void ConvertsCountsAtThreeThousandLsbPerGauss()
    {
        var chip = new FakeQmc5883l();
        var driver = new QmcDriver.Qmc5883l(chip);
        driver.Initialize();
        chip.SetField(0.5, -0.25, 2.5);
        var sample = new MagneticSample();

        Assert.IsTrue(driver.TryRead(sample));

        // 0.5 G = 1500 LSB = 50 µT; -0.25 G = -750 LSB = -25 µT; 2.5 G = 7500 LSB = 250 µT.
        Assert.AreEqual(50f, sample.XUt, 1e-3f);
        Assert.AreEqual(-25f, sample.YUt, 1e-3f);
        Assert.AreEqual(250f, sample.ZUt, 1e-3f);
        Assert.AreEqual(FaultReason.None, driver.LastFault);
    }

    [TestMethod]
    public void WrongChipIdIsBadDataAndCounted()
    {
        var chip = new FakeQmc5883l { ChipId = 0x32 };
        chip.PowerOnReset();
        var driver = new QmcDriver.Qmc5883l(chip);

        Assert.IsFalse(driver.TryRead(new MagneticSample()));

        Assert.AreEqual(FaultReason.BadData, driver.LastFault);
        Assert.AreEqual(1, driver.SelfCheckFailureCount);
        Assert.AreEqual(0x00, chip.Register(0x09), "a chip that failed its check is not configured");
    }

    [TestMethod]
    public void OverflowIsOutOfRangeNotAValue()
    {
        var chip = new FakeQmc5883l();
        var driver = new QmcDriver.Qmc5883l(chip);
        driver.Initialize();
        chip.SetField(0.2, 9.0, 0.1);

        Assert.IsFalse(driver.TryRead(new MagneticSample()));

        Assert.AreEqual(FaultReason.OutOfRange, driver.LastFault);
        Assert.AreEqual(1, driver.OverflowCount);
    }

    [TestMethod]
    public void MissingChipIsNotRespondingAndCountedPerTransfer()
    {
        var chip = new FakeQmc5883l { FailWith = BusStatus.NoAcknowledge };
        var driver = new QmcDriver.Qmc5883l(chip);

        Assert.IsFalse(driver.TryRead(new MagneticSample()));
        Assert.IsFalse(driver.TryRead(new MagneticSample()));

        Assert.AreEqual(FaultReason.NotResponding, driver.LastFault);
        Assert.AreEqual(2, driver.BusErrorCount);
    }

    [TestMethod]
    public void BrownOutIntoStandbyIsNoticedAndRepairedAfterThreeStaleReads()
    {
        var chip = new FakeQmc5883l();
        var driver = new QmcDriver.Qmc5883l(chip);
        var sample = new MagneticSample();
        driver.Initialize();
        chip.SetField(0.3, 0.1, -0.4);
        Assert.IsTrue(driver.TryRead(sample));

        chip.PowerOnReset(); // back in standby: DRDY never comes
        for (int i = 0; i < QmcDriver.Qmc5883l.MaxConsecutiveFailures; i++)
        {
            Assert.IsFalse(driver.TryRead(sample));
            Assert.AreEqual(FaultReason.Stale, driver.LastFault);
        }

        chip.SetField(0.3, 0.1, -0.4); // no effect until the driver sets continuous mode again
        Assert.IsTrue(driver.TryRead(sample), "the read after three failures re-initialises the chip");
        Assert.AreEqual(2, driver.InitCount);
        Assert.AreEqual(3, driver.NotReadyCount);
        Assert.AreEqual(-40f, sample.ZUt, 1e-3f);
    }
}
