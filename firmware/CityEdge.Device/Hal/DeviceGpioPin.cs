using System.Device.Gpio;
using CityEdge.Hal;

namespace CityEdge.Device.Hal
{
    /// <summary>An IGpioPin over a System.Device.Gpio pin the app has opened (and set the mode of).</summary>
    public sealed class DeviceGpioPin : IGpioPin
    {
        private readonly GpioPin _pin;

        public DeviceGpioPin(GpioPin pin)
        {
            _pin = pin;
        }

        public int PinNumber
        {
            get { return _pin.PinNumber; }
        }

        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        public void Write(bool high)
        {
            _pin.Write(high ? PinValue.High : PinValue.Low);
        }
    }
}
