using System.Device.Gpio;
using System.Device.Pwm;
using System.IO.Ports;
using System.Threading;
using CityEdge.Board;
using CityEdge.Device;
using CityEdge.Device.Hal;
using nanoFramework.Hardware.Esp32;
using nanoFramework.TestFramework;

namespace CityEdge.Tests.Hardware
{
    /// <summary>
    /// Loopbacks through jumpers declared in I:\hil.conf (docs/hil.md): the UART that talks to the
    /// particulate sensor, a GPIO pair and the lamp's PWM output into a GPIO input. Proves the pin
    /// functions the device app sets (Configuration.SetPinFunction) and the HAL adapters on real pins.
    /// </summary>
    [TestClass]
    public class LoopbackTests
    {
        [TestMethod]
        public void WhatTheUartSendsComesBackThroughTheJumper()
        {
            PlannedUart uart = new PlannedUart(Bench.Jumper("uart.loopback"), Bench.Jumper("uart.loopback.rx"), Bench.Jumper("uart.loopback.tx"));
            SerialPort port = Program.OpenUart(uart, 9600);
            SerialPortUart link = new SerialPortUart(port);
            link.DiscardInput();
            byte[] sent = new byte[64];
            for (int i = 0; i < sent.Length; i++)
            {
                sent[i] = (byte)((i * 37) + 11);
            }

            link.Write(sent, 0, sent.Length);
            byte[] received = new byte[sent.Length];
            int count = 0;

            // 64 bytes at 9600 8N1 take 67 ms; one second is the deadline.
            for (int wait = 0; wait < 100 && count < received.Length; wait++)
            {
                Thread.Sleep(10);
                count += link.Read(received, count, received.Length - count);
            }

            port.Close();
            Assert.AreEqual(sent.Length, count, "bytes back within 1 s");
            for (int i = 0; i < sent.Length; i++)
            {
                Assert.AreEqual(sent[i], received[i], "byte " + i.ToString());
            }
        }

        [TestMethod]
        public void AGpioOutputDrivesTheJumperedInput()
        {
            GpioController gpio = new GpioController();
            DeviceGpioPin output = new DeviceGpioPin(gpio.OpenPin(Bench.Jumper("gpio.loopback.out"), PinMode.Output));
            DeviceGpioPin input = new DeviceGpioPin(gpio.OpenPin(Bench.Jumper("gpio.loopback.in"), PinMode.InputPullDown));
            for (int i = 0; i < 10; i++)
            {
                bool level = i % 2 == 0;
                output.Write(level);
                Thread.Sleep(1);
                Assert.AreEqual(level, input.Read(), "level " + i.ToString());
            }

            gpio.Dispose();
        }

        [TestMethod]
        public void ThePwmOutputHasItsDutyCycleOnTheJumperedInput()
        {
            int pwmPin = Bench.Jumper("pwm.loopback.out");
            GpioController gpio = new GpioController();
            GpioPin input = gpio.OpenPin(Bench.Jumper("pwm.loopback.in"), PinMode.Input);

            // 1 kHz at 25 %: sampling at the interpreter's pace lands on random phases of the period.
            PwmOutput pwm = new PwmOutput(pwmPin, 1000);
            pwm.SetDutyCycle(0.25f);
            Thread.Sleep(10);
            int high = 0;
            const int Samples = 2000;
            for (int i = 0; i < Samples; i++)
            {
                if (input.Read() == PinValue.High)
                {
                    high++;
                }
            }

            pwm.SetDutyCycle(0f);
            gpio.Dispose();
            double fraction = (double)high / Samples;
            Assert.IsTrue(fraction > 0.15 && fraction < 0.35, "25 % duty seen as " + fraction.ToString());
            Assert.AreEqual(1000, pwm.FrequencyHz, "frequency");
        }
    }
}
