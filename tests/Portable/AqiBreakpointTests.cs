#nullable disable
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using CityEdge.Air;

namespace CityEdge.Tests.Portable
{
    /// <summary>
    /// US EPA PM2.5 sub-indices at the breakpoints of the 2024 table (40 CFR 58 Appendix G, table 6: 0-9.0,
    /// 9.1-35.4, 35.5-55.4, 55.5-125.4, 125.5-225.4 µg/m³), computed in float as on the ESP32.
    /// </summary>
    [TestClass]
    public class AqiBreakpointTests
    {
        [TestMethod]
        public void Pm25SubIndicesAtTheBreakpoints()
        {
            float[] concentrations = new float[] { 0f, 9.0f, 9.1f, 35.4f, 35.5f, 55.4f, 55.5f, 125.4f, 125.5f, 225.4f };
            int[] expected = new int[] { 0, 50, 51, 100, 101, 150, 151, 200, 201, 300 };
            for (int i = 0; i < concentrations.Length; i++)
            {
                Check.Equal(expected[i], AirQualityIndex.SubIndex(AqiStandard.UsEpa, AqiPollutant.Pm2_5, concentrations[i]), "PM2.5 " + concentrations[i].ToString() + " µg/m³");
            }
        }

        [TestMethod]
        public void Pm10SubIndicesAtTheBreakpoints()
        {
            float[] concentrations = new float[] { 0f, 54f, 55f, 154f, 155f };
            int[] expected = new int[] { 0, 50, 51, 100, 101 };
            for (int i = 0; i < concentrations.Length; i++)
            {
                Check.Equal(expected[i], AirQualityIndex.SubIndex(AqiStandard.UsEpa, AqiPollutant.Pm10, concentrations[i]), "PM10 " + concentrations[i].ToString() + " µg/m³");
            }
        }
    }
}
