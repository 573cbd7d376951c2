using System;
using System.Device.I2s;
using CityEdge.Hal;

namespace CityEdge.Drivers.I2sMemsMicrophone
{
    /// <summary>
    /// Device side of <see cref="IAudioBlockSource"/> over nanoFramework's System.Device.I2s
    /// (I2sDevice.Read(SpanByte)): master receiver, Philips I2S format, 32-bit slots, left channel
    /// only (the microphone's L/R pin tied low). The ESP32 stores each slot little-endian; the
    /// microphone's 24-bit word is left-justified in it, which is exactly the HAL's sample format.
    /// Reads in small chunks so the byte buffer stays at 1 KB.
    /// </summary>
    public sealed class I2sAudioBlockSource : IAudioBlockSource, IDisposable
    {
        private const int ChunkSamples = 256;
        private readonly I2sDevice _device;
        private readonly byte[] _bytes = new byte[ChunkSamples * 4];

        public I2sAudioBlockSource(int busId, int sampleRateHz)
        {
            var settings = new I2sConnectionSettings(busId);
            settings.Mode = I2sMode.Master | I2sMode.Rx;
            settings.CommunicationFormat = I2sCommunicationFormat.I2S;
            settings.ChannelFormat = I2sChannelFormat.OnlyLeft;
            settings.BitsPerSample = I2sBitsPerSample.Bit32;
            settings.SampleRate = sampleRateHz;
            _device = new I2sDevice(settings);
            SampleRateHz = sampleRateHz;
        }

        public int SampleRateHz { get; }

        public int Read(int[] buffer, int offset, int count)
        {
            int done = 0;
            while (done < count)
            {
                int n = count - done < ChunkSamples ? count - done : ChunkSamples;
                _device.Read(new SpanByte(_bytes, 0, n * 4));
                for (int i = 0; i < n; i++)
                {
                    int b = i * 4;
                    buffer[offset + done + i] = _bytes[b] | (_bytes[b + 1] << 8) | (_bytes[b + 2] << 16) | (_bytes[b + 3] << 24);
                }

                done += n;
            }

            Array.Clear(_bytes, 0, _bytes.Length);
            return done;
        }

        public void Dispose()
        {
            _device.Dispose();
        }
    }
}
