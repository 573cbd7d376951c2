using System.Collections;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Tests;

namespace CityEdge.Core.Tests.Board;

[TestClass]
public sealed class BoardProfileTests
{
    [TestMethod]
    public void TheDevKitCProfileInTheRepositoryParses()
    {
        var errors = new ArrayList();
        var board = BoardProfile.Parse(RepoFiles.Read("hardware/boards/esp32-devkitc.board"), errors);

        Assert.AreEqual(0, errors.Count, string.Join("\n", errors.Cast<ConfigError>()));
        Assert.AreEqual("esp32-devkitc-v4", board!.Name);
        Assert.AreEqual(21, board.GetNumber("i2c1.sda", -1));
        Assert.AreEqual(22, board.GetNumber("i2c1.scl", -1));
        Assert.AreEqual(0x76, board.GetNumber("bme280.address", -1));
        Assert.AreEqual(-1, board.GetNumber("pms5003.rx", -1));
    }

    [TestMethod]
    public void PinsThatDoNotExistOrAreUsedTwiceAreNamed()
    {
        var errors = new ArrayList();
        var board = BoardProfile.Parse("board.name = x\ni2c1.sda = 21\ni2c1.scl = 21\nled.pin = 20\nfan.pin = 0x2A\nbme280.address = 0x7G\n", errors);

        Assert.IsNull(board);
        var text = errors.Cast<ConfigError>().Select(e => e.ToString()).ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                "line 3: i2c1.scl: GPIO 21 is already used by i2c1.sda",
                "line 4: led.pin: GPIO 20 does not exist on an ESP32",
                "line 5: fan.pin: GPIO 42 does not exist on an ESP32",
                "line 6: bme280.address: '0x7G' is not a number (decimal or 0x hex)",
            },
            text);
    }

    [TestMethod]
    public void ABoardNeedsAName()
    {
        var errors = new ArrayList();
        Assert.IsNull(BoardProfile.Parse("i2c1.sda = 21\n", errors));
        Assert.AreEqual("board.name: required key is missing", errors[0]!.ToString());
    }
}
