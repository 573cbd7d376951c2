using System.Collections;
using System.IO;
using System.Text;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Hal;
using CityEdge.Device;
using CityEdge.Device.Hal;
using CityEdge.Storage;
using CityEdge.Diagnostics;
using nanoFramework.TestFramework;

namespace CityEdge.Tests.Hardware
{
    /// <summary>
    /// What the bench kit has, read from the board's internal storage exactly as the device app reads it
    /// (docs/hil.md "Bench files"): I:\board.board and I:\cityedge.conf give the hardware plan the node
    /// builds (Board/HardwarePlan), I:\hil.conf the jumpers (uart.loopback with .rx/.tx, gpio.loopback.out/.in,
    /// pwm.loopback.out/.in). A test whose part is not on the kit is skipped, never passed.
    /// </summary>
    internal static class Bench
    {
        public const string HilPath = Program.StorageRoot + "hil.conf";

        private static NodeConfig _config;
        private static HardwarePlan _plan;
        private static Hashtable _hil;

        public static readonly ILogSink Log = new DebugLogSink();

        /// <summary>The plan the node builds from the deployed board file and config.</summary>
        public static HardwarePlan Plan
        {
            get
            {
                if (_plan == null)
                {
                    ArrayList errors = new ArrayList();
                    ArrayList warnings = new ArrayList();
                    string boardText = Program.ReadText(Program.BoardPath, true, errors);
                    _plan = HardwarePlan.FromFiles(boardText, Config, Store, errors, warnings);
                    Assert.IsTrue(_plan != null && errors.Count == 0, Program.BoardPath + " must be deployed and valid: " + Describe(errors));
                }

                return _plan;
            }
        }

        public static IPersistentStore Store
        {
            get { return new CrashSafeStore(new FlashFileSystem(Program.StorageRoot)); }
        }

        public static NodeConfig Config
        {
            get
            {
                if (_config == null)
                {
                    ArrayList errors = new ArrayList();
                    string text = Program.ReadText(Program.ConfigPath, false, errors);
                    if (text == null)
                    {
                        Assert.SkipTest(Program.ConfigPath + " is not deployed (Wi-Fi and broker of the bench)");
                    }

                    _config = NodeConfig.Parse(text, errors);
                    Assert.IsTrue(_config != null, Program.ConfigPath + ": " + Describe(errors));
                }

                return _config;
            }
        }

        /// <summary>A number from I:\hil.conf; skips the test when the jumper is not declared.</summary>
        public static int Jumper(string key)
        {
            if (_hil == null)
            {
                _hil = new Hashtable();
                if (File.Exists(HilPath))
                {
                    byte[] bytes = File.ReadAllBytes(HilPath);
                    KeyValueReader reader = new KeyValueReader(Encoding.UTF8.GetString(bytes, 0, bytes.Length));
                    while (reader.MoveNext())
                    {
                        if (reader.Error == null)
                        {
                            _hil[reader.Key] = reader.Value;
                        }
                    }
                }
            }

            if (!_hil.Contains(key))
            {
                Assert.SkipTest(key + " is not in " + HilPath + ": this kit has no such jumper");
            }

            return int.Parse((string)_hil[key]);
        }

        public static void SkipUnless(bool fitted, string why)
        {
            if (!fitted)
            {
                Assert.SkipTest(why);
            }
        }

        private static string Describe(ArrayList errors)
        {
            string text = string.Empty;
            for (int i = 0; i < errors.Count; i++)
            {
                text += (i == 0 ? string.Empty : "; ") + errors[i].ToString();
            }

            return text;
        }
    }
}
