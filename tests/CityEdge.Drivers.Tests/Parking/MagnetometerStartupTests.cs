using CityEdge.Diagnostics;
using CityEdge.Drivers.Hmc5883l;
using CityEdge.Drivers.Qmc5883l;
using CityEdge.Hal;
using CityEdge.Host.Simulation;
using CityEdge.Parking;
using CityEdge.Scheduling;

namespace CityEdge.Drivers.Tests.Parking;

/// <summary>
/// The bay magnetometers' start-up self-checks as scheduled steps (formerly Program.cs's sleeps):
/// one step per bay every 100 ms, ten at most; a sensor is handed to the pipeline only when it passed,
/// on the register-level fakes of the two chips.
/// </summary>
[TestClass]
public sealed class MagnetometerStartupTests
{
    [TestMethod]
    public void TheHmc5883lSelfTestSpansReadsAHundredMillisecondsApartAndThenTheBayHasItsSensor()
    {
        var rig = new Rig(new FakeHmc5883l { FieldG = (0.2, 0.1, -0.4) }, qmc: false);

        // Step 1 (0 ms) sets positive bias, step 2 (100 ms) reads the biased field, step 3 (200 ms) checks it.
        rig.RunUntil(100);
        Assert.IsNull(rig.Slots[0], "not before the self-test completed");
        rig.RunUntil(200);

        Assert.IsNotNull(rig.Slots[0]);
        Assert.AreEqual(0, rig.Scheduler.TaskCount, "the task removed itself");
        StringAssert.Contains(rig.Log.Lines.Single(l => l.Contains("ready", StringComparison.Ordinal)), "bay0.hmc5883l: HMC5883L on I2C bus 2 ready, self-test field 452/452/421 LSB");
    }

    [TestMethod]
    public void AQmc5883lIsReadyAtItsFirstStep()
    {
        var rig = new Rig(new FakeQmc5883l(), qmc: true);

        rig.RunUntil(0);

        Assert.IsNotNull(rig.Slots[0]);
        Assert.IsTrue(rig.Log.Lines.Any(l => l.Contains("bay0.qmc5883l: QMC5883L on I2C bus 2 ready", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void ASensorThatNeverAnswersIsGivenUpAfterTenStepsAndTheOtherChipsKeyIsNamed()
    {
        var rig = new Rig(new FakeQmc5883l { FailWith = BusStatus.NoAcknowledge }, qmc: true);

        rig.RunUntil(850);
        Assert.AreEqual(1, rig.Scheduler.TaskCount, "still trying after 9 steps: a puck at the end of a cable may be powering up");
        rig.RunUntil(2_000);

        Assert.IsNull(rig.Slots[0], "the bay stays unknown");
        Assert.AreEqual(0, rig.Scheduler.TaskCount);
        string error = rig.Log.Lines.Single(l => l.Contains("Error", StringComparison.Ordinal));
        StringAssert.Contains(error, "no answer at 0x0D");
        StringAssert.Contains(error, "bay0.hmc5883l.bus");
        StringAssert.Contains(error, "bay reported unknown");
    }

    [TestMethod]
    public void AWrongIdentityOrAFailedSelfTestStopsAtOnce()
    {
        var wrongId = new Rig(new FakeQmc5883l { ChipId = 0x00 }, qmc: true);
        var fakeHmc = new FakeHmc5883l { FieldG = (0.2, 0.1, -0.4) };
        fakeHmc.SetId("H44");
        var badHmc = new Rig(fakeHmc, qmc: false);
        var noBias = new Rig(new FakeHmc5883l { FieldG = (0.2, 0.1, -0.4), BiasWorks = false }, qmc: false);

        wrongId.RunUntil(0);
        badHmc.RunUntil(0);
        noBias.RunUntil(300);

        Assert.IsNull(wrongId.Slots[0]);
        StringAssert.Contains(wrongId.Log.Lines.Single(l => l.Contains("Error", StringComparison.Ordinal)), "wrong chip id (register 0x0D is not 0xFF)");
        Assert.IsNull(badHmc.Slots[0]);
        StringAssert.Contains(badHmc.Log.Lines.Single(l => l.Contains("Error", StringComparison.Ordinal)), "ID registers 0x0A-0x0C are not 'H43'");
        Assert.IsNull(noBias.Slots[0]);
        StringAssert.Contains(noBias.Log.Lines.Single(l => l.Contains("Error", StringComparison.Ordinal)), "is outside 243..575");
        Assert.AreEqual(0, wrongId.Scheduler.TaskCount + badHmc.Scheduler.TaskCount + noBias.Scheduler.TaskCount, "no retries after a wrong answer");
    }

    private sealed class Rig
    {
        public Rig(II2cDevice chip, bool qmc)
        {
            Clock = new SimulatedClock(new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc));
            Scheduler = new NodeScheduler(Clock, null);
            IMagnetometerCheck check = qmc
                ? new Qmc5883lStartupCheck(new Qmc5883l.Qmc5883l(chip), "bay0.qmc5883l: QMC5883L on I2C bus 2", "bay0.hmc5883l.bus")
                : new Hmc5883lStartupCheck(new Hmc5883l.Hmc5883l(chip), "bay0.hmc5883l: HMC5883L on I2C bus 2", "bay0.qmc5883l.bus");
            Scheduler.Add("checks", new MagnetometerStartup([check], Slots, Scheduler, Log), MagnetometerStartup.StepMs, 0);
        }

        public SimulatedClock Clock { get; }

        public NodeScheduler Scheduler { get; }

        public IMagnetometer?[] Slots { get; } = new IMagnetometer?[1];

        public CollectingLogSink Log { get; } = new("n", () => DateTime.UnixEpoch);

        public void RunUntil(long ms) => Clock.RunUntil(Scheduler, ms);
    }
}
