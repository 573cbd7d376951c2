#nullable disable
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using CityEdge.Parking;
using CityEdge.Telemetry;

namespace CityEdge.Tests.Portable
{
    /// <summary>Scripted magnetometer sequences through one bay detector at 1 Hz (docs/parking.md).</summary>
    [TestClass]
    public class BayDetectorSequenceTests
    {
        [TestMethod]
        public void AnEmptyBayLearnsItsBaselineThenACarArrivesAndLeaves()
        {
            BayDetector detector = new BayDetector(new BayDetectorSettings());
            long now = 0;
            now = Feed(detector, now, 9, -44f);
            Check.Equal((int)ParkingBayState.Unknown, (int)detector.State, "unknown while the baseline is learned");
            now = Feed(detector, now, 51, -44f);
            Check.Equal((int)ParkingBayState.Free, (int)detector.State, "free on the learned baseline");

            now = Feed(detector, now, 2, -69f);
            Check.Equal((int)ParkingBayState.Free, (int)detector.State, "not before the debounce");
            now = Feed(detector, now, 1, -69f);
            Check.Equal((int)ParkingBayState.Occupied, (int)detector.State, "a car: 25 µT on Z, settled");

            now = Feed(detector, now, 600, -69f);
            Feed(detector, now, 2, -44f);
            Check.Equal((int)ParkingBayState.Free, (int)detector.State, "the car left within two readings");
        }

        [TestMethod]
        public void AOneReadingSpikeDoesNotChangeTheState()
        {
            BayDetector detector = new BayDetector(new BayDetectorSettings());
            long now = Feed(detector, 0, 60, -44f);
            now = Feed(detector, now, 1, -90f);
            Feed(detector, now, 30, -44f);

            Check.Equal((int)ParkingBayState.Free, (int)detector.State, "a spike is not a car");
        }

        /// <summary><paramref name="seconds"/> readings at 1 Hz of X 20 µT, Y 0 µT and Z, with ±0.2 µT of sensor noise.</summary>
        private static long Feed(BayDetector detector, long nowMs, int seconds, float zUt)
        {
            for (int i = 0; i < seconds; i++)
            {
                nowMs += 1000;
                float wobble = (nowMs / 1000) % 2 == 0 ? 0.2f : -0.2f;
                detector.Update(nowMs, 20f + wobble, -wobble, zUt + (0.5f * wobble));
            }

            return nowMs;
        }
    }
}
