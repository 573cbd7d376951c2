#nullable disable
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using CityEdge.Telemetry;

namespace CityEdge.Tests.Portable
{
    /// <summary>Frame v1 as the node encodes it, against vector A of docs/telemetry-format.md (hand-computed), on the host and on the board (decoding is the command centre's, host only).</summary>
    [TestClass]
    public class TelemetryVectorTests
    {
        public const string VectorA = "011f01026b042ac0086661279400803014123ac8044450007d";

        /// <summary>2026-11-23T12:00:00Z.</summary>
        public const uint Nov23Noon2026 = 1795435200;

        [TestMethod]
        public void TheReferenceReportEncodesToVectorA()
        {
            byte[] frame = new byte[TelemetryFrame.MaxLength];
            int length = TelemetryCodec.Encode(ReferenceReport(), frame, 0);

            Check.Bytes(Check.Hex(VectorA), frame, length, "vector A");
        }

        /// <summary>The report vector A encodes (docs/telemetry-format.md).</summary>
        public static TelemetryReport ReferenceReport()
        {
            TelemetryReport r = new TelemetryReport();
            r.Sequence = 258;
            r.TimestampUnixSeconds = Nov23Noon2026;
            r.HasClimate = true;
            r.TemperatureDegC = 21.5f;
            r.HumidityPct = 48.5f;
            r.PressureHpa = 1013.2f;
            r.HasParticulates = true;
            r.Pm1_0UgM3 = 8;
            r.Pm2_5UgM3 = 12;
            r.Pm10UgM3 = 20;
            r.HasNoise = true;
            r.LaeqDb = 58.3f;
            r.LafmaxDb = 71.2f;
            r.HasLamp = true;
            r.LampLevelPct = 40;
            r.LampEnergyWh = 12.5f;
            r.SetParkingBayCount(4);
            r.SetBayState(0, ParkingBayState.Occupied);
            r.SetBayState(2, ParkingBayState.Occupied);
            return r;
        }
    }
}
