using System;
using System.Collections;
using System.Collections.Generic;
using CityEdge.Config;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Lighting;
using CityEdge.Node;

namespace CityEdge.Core.Tests.Lighting
{
    /// <summary>A street in Amsterdam on Monday 2026-11-23 (CET, UTC+1), whose sun the tests use.</summary>
    internal static class Street
    {
        public const float Latitude = 52.37f;
        public const float Longitude = 4.90f;
        public const int UtcOffsetMin = 60;

        public static LightingSettings Settings()
        {
            return new LightingSettings { HasPosition = true, LatitudeDeg = Latitude, LongitudeDeg = Longitude, UtcOffsetMin = UtcOffsetMin };
        }

        public static DateTime Utc(int day, int hour, int minute, int second = 0)
        {
            return new DateTime(2026, 11, day, hour, minute, second, DateTimeKind.Utc);
        }

        public static LightingConfig Config(string extraLines = "")
        {
            var errors = new ArrayList();
            NodeConfig config = NodeConfig.Parse("node.id = lamp-1\nlighting.latitude = 52.37\nlighting.longitude = 4.90\nlighting.utc_offset_min = 60\n" + extraLines, errors);
            if (config == null)
            {
                throw new InvalidOperationException("test config invalid: " + string.Join("; ", errors.ToArray()));
            }

            return config.Lighting;
        }
    }

    internal sealed class FakePin : IGpioPin
    {
        public bool High { get; set; }

        public int PinNumber => 27;

        public bool Read() => High;

        public void Write(bool high) => throw new InvalidOperationException("input");
    }

    internal sealed class FakeAmbient : IAmbientLightSensor
    {
        public float Lux { get; set; }

        public bool Failing { get; set; }

        public bool Throws { get; set; }

        public int ConversionMs => 180;

        public FaultReason LastFault { get; private set; }

        public bool StartMeasurement()
        {
            if (Throws)
            {
                throw new InvalidOperationException("simulated firmware fault");
            }

            LastFault = Failing ? FaultReason.NotResponding : FaultReason.None;
            return !Failing;
        }

        public bool TryReadLux(out float lux)
        {
            lux = Lux;
            LastFault = Failing ? FaultReason.NotResponding : FaultReason.None;
            return !Failing;
        }
    }

    internal sealed class FakeMeter : ILampPowerMeter
    {
        public float Watts { get; set; }

        public bool TryReadPowerW(out float watts)
        {
            watts = Watts;
            return true;
        }
    }

    internal sealed class CollectingEvents : IEventSink
    {
        public List<(int Type, byte[] Payload)> Events { get; } = new List<(int, byte[])>();

        public void Emit(int type, byte[] payload, int offset, int count)
        {
            var copy = new byte[count];
            Array.Copy(payload, offset, copy, 0, count);
            Events.Add((type, copy));
        }
    }
}
