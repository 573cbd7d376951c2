using System.Device.Adc;
using CityEdge.Hal;

namespace CityEdge.Device.Hal
{
    /// <summary>
    /// IAdcChannel over System.Device.Adc on an ESP32 or ESP32-S3. nanoFramework numbers the ADC inputs as
    /// logical channels (nf-interpreter targets/ESP32/_nanoCLR/System.Device.Adc/
    /// sys_dev_adc_native_System_Device_Adc_AdcController.cpp): 0-9 are ADC1's channels, 10-19 ADC2's, which
    /// "cannot be used if Wifi started". Which GPIO is which channel, and that only ADC1 is allowed, is the
    /// core's decision (Board/ChipProfile, Board/HardwarePlan.Sen0232AdcChannel). OpenChannel configures the
    /// channel at 11 dB attenuation and the 12-bit width; ReadValue returns the raw, uncalibrated count.
    /// </summary>
    public sealed class AdcInput : IAdcChannel
    {
        private readonly AdcChannel _channel;

        /// <param name="controller">The app's one AdcController.</param>
        /// <param name="channel">The logical channel (ADC1 channel number) from the hardware plan.</param>
        /// <param name="fullScaleVolts">Input voltage that reads as MaxValue (board profile).</param>
        public AdcInput(AdcController controller, int channel, float fullScaleVolts)
        {
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
    }
}
