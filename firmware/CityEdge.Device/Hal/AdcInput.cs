using System;
using System.Device.Adc;
using CityEdge.Hal;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// IAdcChannel over System.Device.Adc on an ESP32. nanoFramework numbers the ESP32's ADC inputs as
    /// logical channels (nf-interpreter targets/ESP32/_nanoCLR/System.Device.Adc/
    /// sys_dev_adc_native_System_Device_Adc_AdcController.cpp): 0-7 are ADC1 on GPIO 36, 37, 38, 39, 32,
    /// 33, 34, 35; 10-19 are ADC2, which "cannot be used if Wifi started". OpenChannel configures the channel
    /// at 11 dB attenuation and the 12-bit width; ReadValue returns the raw, uncalibrated count.
    /// Only ADC1 GPIOs are accepted here, because a node is always on Wi-Fi.
    /// </summary>
    public sealed class AdcInput : IAdcChannel
    {
        /// <summary>ADC1 logical channel 0..7 by GPIO (the table above); index = GPIO - 32.</summary>
        private static readonly int[] ChannelOfGpio32To39 = new int[] { 4, 5, 6, 7, 0, 1, 2, 3 };

        private readonly AdcChannel _channel;

        /// <param name="controller">The app's one AdcController.</param>
        /// <param name="gpio">An ADC1 GPIO (32..39).</param>
        /// <param name="fullScaleVolts">Input voltage that reads as MaxValue (board profile).</param>
        public AdcInput(AdcController controller, int gpio, float fullScaleVolts)
        {
            int channel = Adc1ChannelOf(gpio);
            if (channel < 0)
            {
                throw new ArgumentOutOfRangeException("gpio", "GPIO " + gpio + " is not an ADC1 input (32..39); ADC2 does not work while Wi-Fi is on");
            }

            _channel = controller.OpenChannel(channel);
            MaxRaw = controller.MaxValue;
            FullScaleVolts = fullScaleVolts;
        }

        public int MaxRaw { get; }

        public float FullScaleVolts { get; }

        public int ReadRaw()
        {
            return _channel.ReadValue();
        }

        /// <summary>The ADC1 logical channel of <paramref name="gpio"/>, or -1 when it has none.</summary>
        public static int Adc1ChannelOf(int gpio)
        {
            return gpio >= 32 && gpio <= 39 ? ChannelOfGpio32To39[gpio - 32] : -1;
        }
    }
}
