using System.Collections;
using System.Device.Gpio;
using System.Text;
using System.Threading;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Device.Hal;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using CityEdge.Node;
using CityEdge.Setup;
using Iot.Device.DhcpServer;

namespace CityEdge.Device.Setup
{
    /// <summary>
    /// The device side of the phone setup mode (docs/field-guide.md): samples the setup button at boot,
    /// asks the core's <see cref="SetupGate"/> what to do, switches the soft access point (each switch is a
    /// restart), and while setup is open serves the core's <see cref="SetupSession"/> until it is saved or
    /// times out, then restarts. Decisions are the core's; this file wires pins, radio and HTTP to them.
    /// </summary>
    public static class SetupMode
    {
        private const string LogTag = "setup";
        private const int LoopMs = 50;

        /// <summary>
        /// Returns <see cref="SetupDecision.Service"/>, <see cref="SetupDecision.SafeIdle"/> or
        /// <see cref="SetupDecision.Open"/>; switching the access point on or off restarts the node here.
        /// </summary>
        public static SetupDecision Decide(HardwarePlan plan, NodeConfig config, string deployedText, IPersistentStore store, GpioController gpio,
            DeviceGpioPin statusLed, IClock clock, DevicePlatform platform, ILogSink log)
        {
            bool held = plan != null && plan.SetupButtonGpio >= 0 && ButtonHeld(plan, gpio, statusLed, clock);
            bool refused = SetupGate.DeployedFileRefused(store, deployedText, config != null);
            SetupDecision decision = SetupGate.Decide(store, plan != null, config != null, refused, held, SoftAccessPoint.IsEnabled());
            if (decision == SetupDecision.StartAccessPoint)
            {
                string ssid = SetupGate.AccessPointSsid(config != null ? config.NodeId : null, SoftAccessPoint.MacAddress());
                if (SoftAccessPoint.Enable(ssid, log))
                {
                    platform.RebootFor("software", (held ? "setup button held" : "no configuration") + ": starting the setup access point '" + ssid + "'");
                }

                return config != null ? SetupDecision.Service : SetupDecision.SafeIdle;
            }

            if (decision == SetupDecision.StopAccessPoint)
            {
                SoftAccessPoint.Disable();
                platform.RebootFor("software", "setup is not open: switching the setup access point off");
            }

            return decision;
        }

        /// <summary>Serves the setup page until it is saved or times out, then restarts. Never returns.</summary>
        public static void Serve(HardwarePlan plan, NodeHardware hardware, string boardText, IPersistentStore store, IClock clock,
            DeviceGpioPin statusLed, DevicePlatform platform, ILogSink log)
        {
            byte[] active = new ConfigSlots(store, log).ReadActive();
            string configText = active == null ? null : Encoding.UTF8.GetString(active, 0, active.Length);
            SetupSession session = new SetupSession(configText, boardText, plan.IsEthernet, store, log);
            SensorCheck check = new SensorCheck(plan, hardware);
            session.Check = check;

            DhcpServer dhcp = SoftAccessPoint.StartDhcp(log);
            SetupServer server = new SetupServer(session, clock, log);
            server.Start();
            log.Write(LogLevel.Info, LogTag, "open: join the Wi-Fi network '" + SetupGate.AccessPointSsid(NodeIdOf(configText), SoftAccessPoint.MacAddress())
                + "' and browse to http://" + SoftAccessPoint.Address + "/ (closes in " + (SetupSession.OpenMs / 60000) + " min)");
            while (true)
            {
                long now = clock.MonotonicMs();
                bool open;
                lock (session)
                {
                    open = session.IsOpen(now);
                    check.Step(now);
                }

                if (!open)
                {
                    break;
                }

                if (statusLed != null)
                {
                    statusLed.Write(StatusLedPattern.IsLit(StatusLedPattern.SetupOpen, false, now));
                }

                Thread.Sleep(LoopMs);
            }

            server.Stop();
            if (dhcp != null)
            {
                dhcp.Stop();
            }

            SoftAccessPoint.Disable();
            platform.RebootFor("software", session.Saved ? "setup saved new settings" : "setup closed after " + (SetupSession.OpenMs / 60000) + " minutes");
        }

        /// <summary>Samples the button (pressed = low) for up to SetupButtonWindow.WindowMs with the LED lit.</summary>
        private static bool ButtonHeld(HardwarePlan plan, GpioController gpio, DeviceGpioPin statusLed, IClock clock)
        {
            GpioPin button = gpio.OpenPin(plan.SetupButtonGpio, plan.SetupButtonPullUp ? PinMode.InputPullUp : PinMode.Input);
            if (statusLed != null)
            {
                statusLed.Write(StatusLedPattern.IsLit(StatusLedPattern.WaitingForButton, false, 0));
            }

            SetupButtonWindow window = new SetupButtonWindow(clock.MonotonicMs());
            while (!window.Sample(clock.MonotonicMs(), button.Read() == PinValue.Low))
            {
                Thread.Sleep(SetupButtonWindow.SampleMs);
            }

            // The pin goes back to the chip: on the DevKitC boards it is the BOOT strapping pin.
            button.Dispose();
            if (statusLed != null)
            {
                statusLed.Write(false);
            }

            return window.Held;
        }

        private static string NodeIdOf(string configText)
        {
            if (configText == null)
            {
                return null;
            }

            NodeConfig config = NodeConfig.Parse(configText, new ArrayList());
            return config == null ? null : config.NodeId;
        }
    }
}
