using HmcDriver = CityEdge.Drivers.Hmc5883l;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Parking;

namespace CityEdge.Drivers.Tests;

[TestClass]
public sealed class Hmc5883lTests
{
    [TestMethod]
    public void SelfTestRunsWithTheDatasheetSettingsThenSwitchesToNormalMeasurement()
    {
        var chip = new FakeHmc5883l { FieldG = (0.2, 0.1, -0.4) };
        var driver = new HmcDriver.Hmc5883l(chip);
        var sample = new MagneticSample();

        Assert.IsFalse(driver.TryRead(sample));
        Assert.AreEqual(FaultReason.WarmingUp, driver.LastFault);
        // Datasheet "Self Test Operation": CRA 0x71 (8-average, 15 Hz, positive bias), CRB 0xA0 (gain 5), mode 0x00.
        Assert.AreEqual(0x71, chip.Register(0x00));
        Assert.AreEqual(0xA0, chip.Register(0x01));
        Assert.AreEqual(0x00, chip.Register(0x02));

        Assert.IsFalse(driver.TryRead(sample));
        Assert.AreEqual(0x70, chip.Register(0x00), "normal measurement after the biased one");
        Assert.AreEqual(0, driver.InitCount);

        Assert.IsFalse(driver.TryRead(sample));
        // Bias alone = biased - unbiased: 1.16 Ga on X at 390 LSB/Ga = 452 LSB (inside 243..575),
        // although X with the ambient 0.2 Ga would read 530.
        Assert.AreEqual(452, driver.SelfTestX);
        Assert.AreEqual(421, driver.SelfTestZ, "1.08 Ga * 390 = 421.2");
        Assert.AreEqual(1, driver.InitCount);

        Assert.IsTrue(driver.TryRead(sample));
        Assert.AreEqual(FaultReason.None, driver.LastFault);
    }

    [TestMethod]
    public void ConvertsAtGainFiveAndKeepsTheXzyRegisterOrderApart()
    {
        var chip = new FakeHmc5883l { FieldG = (0.3, -0.1, 0.45) };
        var driver = new HmcDriver.Hmc5883l(chip);
        var sample = new MagneticSample();
        ReadUntilRunning(driver, sample);

        // The in-ground vertical field of 0.45 Ga plus the 1.08 Ga bias (597 LSB) would fail a naive self-test.
        // 0.3 Ga * 390 = 117 LSB -> 117 * 100 / 390 = 30 µT; -0.1 Ga = -39 LSB = -10 µT; 0.45 Ga = 175.5 -> 176 LSB = 45.13 µT.
        Assert.AreEqual(30f, sample.XUt, 1e-3f);
        Assert.AreEqual(-10f, sample.YUt, 1e-3f);
        Assert.AreEqual(176 * 100f / 390f, sample.ZUt, 1e-3f);
        Assert.AreEqual(470f, driver.FullScaleUt);
    }

    [TestMethod]
    public void WrongIdRegistersAreBadData()
    {
        var chip = new FakeHmc5883l();
        chip.SetId("H42");
        var driver = new HmcDriver.Hmc5883l(chip);

        Assert.IsFalse(driver.TryRead(new MagneticSample()));

        Assert.AreEqual(FaultReason.BadData, driver.LastFault);
        Assert.AreEqual(1, driver.BadIdCount);
        Assert.AreEqual(0x10, chip.Register(0x00), "not configured");
    }

    [TestMethod]
    public void FailedSelfTestIsBadDataAndRetried()
    {
        var chip = new FakeHmc5883l { BiasWorks = false };
        var driver = new HmcDriver.Hmc5883l(chip);
        var sample = new MagneticSample();

        Assert.IsFalse(driver.TryRead(sample));
        Assert.IsFalse(driver.TryRead(sample));
        Assert.IsFalse(driver.TryRead(sample));

        Assert.AreEqual(FaultReason.BadData, driver.LastFault);
        Assert.AreEqual(1, driver.SelfTestFailureCount);
        Assert.AreEqual(0, driver.InitCount);

        chip.BiasWorks = true;
        ReadUntilRunning(driver, sample);
        Assert.AreEqual(1, driver.InitCount);
    }

    [TestMethod]
    public void OverflowCodeIsOutOfRange()
    {
        var chip = new FakeHmc5883l { FieldG = (0.2, 0.2, 0.2) };
        var driver = new HmcDriver.Hmc5883l(chip);
        var sample = new MagneticSample();
        ReadUntilRunning(driver, sample);

        chip.FieldG = (0.2, 6.0, 0.2); // 6 Ga * 390 = 2340 LSB > 2047

        Assert.IsFalse(driver.TryRead(sample));
        Assert.AreEqual(FaultReason.OutOfRange, driver.LastFault);
        Assert.AreEqual(1, driver.OverflowCount);
    }

    [TestMethod]
    public void LostChipIsNotRespondingAndSelfTestedAgainAfterThreeFailures()
    {
        var chip = new FakeHmc5883l { FieldG = (0.2, 0.2, 0.2) };
        var driver = new HmcDriver.Hmc5883l(chip);
        var sample = new MagneticSample();
        ReadUntilRunning(driver, sample);

        chip.FailWith = BusStatus.NoAcknowledge;
        for (int i = 0; i < HmcDriver.Hmc5883l.MaxConsecutiveFailures; i++)
        {
            Assert.IsFalse(driver.TryRead(sample));
        }

        Assert.AreEqual(FaultReason.NotResponding, driver.LastFault);
        Assert.AreEqual(3, driver.BusErrorCount);

        chip.FailWith = BusStatus.Ok;
        Assert.IsFalse(driver.TryRead(sample));
        Assert.AreEqual(0x71, chip.Register(0x00), "the self-test runs again before values are trusted");
        ReadUntilRunning(driver, sample);
        Assert.AreEqual(2, driver.InitCount);
    }

    private static void ReadUntilRunning(HmcDriver.Hmc5883l driver, MagneticSample sample)
    {
        for (int i = 0; i < 5; i++)
        {
            if (driver.TryRead(sample))
            {
                return;
            }
        }

        Assert.Fail("no value after five reads; last fault " + driver.LastFault);
    }
}
