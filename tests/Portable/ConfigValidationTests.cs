#nullable disable
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
using System.Collections;
using CityEdge.Config;

namespace CityEdge.Tests.Portable
{
    /// <summary>Config validation names the key and line of every error (docs/configuration.md).</summary>
    [TestClass]
    public class ConfigValidationTests
    {
        [TestMethod]
        public void AValidConfigParsesWithItsDefaults()
        {
            ArrayList errors = new ArrayList();
            NodeConfig config = NodeConfig.Parse("node.id = lamp-7\nmqtt.topic_root = city/centre\nreport.period_s = 30\n", errors);

            Check.True(config != null, "parsed");
            Check.Equal(0, errors.Count, "no errors");
            Check.Equal("lamp-7", config.NodeId, "node.id");
            Check.Equal(30, config.ReportPeriodS, "report.period_s");
            Check.Equal(10, config.DrainPerS, "link.drain_per_s default");
        }

        [TestMethod]
        public void EveryErrorNamesItsKeyAndLine()
        {
            ArrayList errors = new ArrayList();
            NodeConfig config = NodeConfig.Parse("node.id = lamp-7\nreport.period_s = 5\nlink.drain_per_s = many\n", errors);

            Check.True(config == null, "an invalid config is not half-applied");
            Check.Equal(2, errors.Count, "both errors");
            ConfigError first = (ConfigError)errors[0];
            ConfigError second = (ConfigError)errors[1];
            Check.Equal("report.period_s", first.Key, "first key");
            Check.Equal(2, first.Line, "first line");
            Check.True(first.Message.IndexOf("10..3600") >= 0, "the allowed range is named: " + first.Message);
            Check.Equal("link.drain_per_s", second.Key, "second key");
            Check.Equal(3, second.Line, "second line");
        }
    }
}
