using System.Collections;
using CityEdge.Config;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Core.Tests.Noise;

[TestClass]
public sealed class NoiseConfigTests
{
    [TestMethod]
    public void DefaultsAreTheDatasheetSensitivityAndNoOffset()
    {
        var config = NodeConfig.Parse("node.id = lamp-1\n", new ArrayList())!;
        Assert.AreEqual(-26f, config.NoiseSensitivityDbfs);
        Assert.AreEqual(0f, config.NoiseOffsetDb);
    }

    [TestMethod]
    public void OffsetIsInTenthsOfADecibel()
    {
        var config = NodeConfig.Parse("node.id = lamp-1\nnoise.offset_tenth_db = -15\nnoise.sensitivity_dbfs = -42\n", new ArrayList())!;
        Assert.AreEqual(-1.5f, config.NoiseOffsetDb);
        Assert.AreEqual(-42f, config.NoiseSensitivityDbfs);
    }

    [TestMethod]
    public void OutOfRangeValuesNameLineAndKey()
    {
        var errors = new ArrayList();
        Assert.IsNull(NodeConfig.Parse("node.id = lamp-1\nnoise.sensitivity_dbfs = 5\n", errors));
        var error = (ConfigError)errors[0]!;
        Assert.AreEqual(2, error.Line);
        Assert.AreEqual("noise.sensitivity_dbfs", error.Key);
    }
}
