using System;
using System.Device.Pwm;
using CityEdge.Hal;
using nanoFramework.Hardware.Esp32;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// IPwmChannel over System.Device.Pwm on an ESP32 (LEDC). The pin is first routed to the PWM
    /// peripheral with Configuration.SetPinFunction(pin, DeviceFunction.PWM1), as nanoframework/Samples'
    /// Beginner/PwmLed does; PwmChannel.CreateFromPin returns null for a pin with no PWM function.
    /// The channel starts at duty 0: with the lamp's inverting stage (lighting.pwm_inverted) that is full
    /// light, the same as an unconfigured GPIO, until the lighting pipeline sets its first level.
    /// </summary>
    public sealed class PwmOutput : IPwmChannel
    {
        private readonly PwmChannel _channel;

        public PwmOutput(int pin, int frequencyHz)
        {
            Configuration.SetPinFunction(pin, DeviceFunction.PWM1);
            _channel = PwmChannel.CreateFromPin(pin, frequencyHz, 0);
            if (_channel == null)
            {
                throw new ArgumentException("GPIO " + pin + " has no PWM channel", "pin");
            }

            _channel.Start();
        }

        public int FrequencyHz
        {
            get { return _channel.Frequency; }
        }

        public void SetDutyCycle(float fraction)
        {
            _channel.DutyCycle = fraction < 0f ? 0.0 : fraction > 1f ? 1.0 : fraction;
        }
    }
}
