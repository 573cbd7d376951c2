using CityEdge.Air;
using CityEdge.Climate;
using CityEdge.Hal;
using CityEdge.Health;
using CityEdge.Lighting;
using CityEdge.Parking;

namespace CityEdge.Host.Performance;

/// <summary>
/// Counts the managed bytes this thread allocates inside the simulated world — the sensors' physics,
/// the emulated flash — so that an allocation bench can leave them out of the node's own figure. Each
/// simulated device is wrapped in one of the proxies below, which enter the meter around every call.
/// (No try/finally: a device that throws fails the bench, which checks the scheduler's fault count.)
/// </summary>
public sealed class SimulatedWorldMeter
{
    private int _depth;
    private long _start;

    /// <summary>Bytes allocated inside the wrapped devices since construction.</summary>
    public long Bytes { get; private set; }

    public void Enter()
    {
        if (_depth++ == 0)
        {
            _start = GC.GetAllocatedBytesForCurrentThread();
        }
    }

    public void Exit()
    {
        if (--_depth == 0)
        {
            Bytes += GC.GetAllocatedBytesForCurrentThread() - _start;
        }
    }
}

internal sealed class MeteredClimateSensor(IClimateSensor inner, SimulatedWorldMeter meter) : IClimateSensor
{
    public FaultReason LastFault => inner.LastFault;

    public bool TryRead(ClimateSample sample)
    {
        meter.Enter();
        var result = inner.TryRead(sample);
        meter.Exit();
        return result;
    }
}

internal sealed class MeteredUart(IUart inner, SimulatedWorldMeter meter) : IUart
{
    public int BytesAvailable
    {
        get
        {
            meter.Enter();
            var result = inner.BytesAvailable;
            meter.Exit();
            return result;
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        meter.Enter();
        var result = inner.Read(buffer, offset, count);
        meter.Exit();
        return result;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        meter.Enter();
        inner.Write(buffer, offset, count);
        meter.Exit();
    }

    public void DiscardInput()
    {
        meter.Enter();
        inner.DiscardInput();
        meter.Exit();
    }
}

internal sealed class MeteredAdcChannel(IAdcChannel inner, SimulatedWorldMeter meter) : IAdcChannel
{
    public int MaxRaw => inner.MaxRaw;

    public float FullScaleVolts => inner.FullScaleVolts;

    public int ReadRaw()
    {
        meter.Enter();
        var result = inner.ReadRaw();
        meter.Exit();
        return result;
    }
}

internal sealed class MeteredPwmChannel(IPwmChannel inner, SimulatedWorldMeter meter) : IPwmChannel
{
    public int FrequencyHz => inner.FrequencyHz;

    public void SetDutyCycle(float fraction)
    {
        meter.Enter();
        inner.SetDutyCycle(fraction);
        meter.Exit();
    }
}

internal sealed class MeteredGpioPin(IGpioPin inner, SimulatedWorldMeter meter) : IGpioPin
{
    public int PinNumber => inner.PinNumber;

    public bool Read()
    {
        meter.Enter();
        var result = inner.Read();
        meter.Exit();
        return result;
    }

    public void Write(bool high)
    {
        meter.Enter();
        inner.Write(high);
        meter.Exit();
    }
}

internal sealed class MeteredAmbientLight(IAmbientLightSensor inner, SimulatedWorldMeter meter) : IAmbientLightSensor
{
    public int ConversionMs => inner.ConversionMs;

    public FaultReason LastFault => inner.LastFault;

    public bool StartMeasurement()
    {
        meter.Enter();
        var result = inner.StartMeasurement();
        meter.Exit();
        return result;
    }

    public bool TryReadLux(out float lux)
    {
        meter.Enter();
        var result = inner.TryReadLux(out lux);
        meter.Exit();
        return result;
    }
}

internal sealed class MeteredMagnetometer(IMagnetometer inner, SimulatedWorldMeter meter) : IMagnetometer
{
    public FaultReason LastFault => inner.LastFault;

    public float FullScaleUt => inner.FullScaleUt;

    public bool TryRead(MagneticSample sample)
    {
        meter.Enter();
        var result = inner.TryRead(sample);
        meter.Exit();
        return result;
    }
}

internal sealed class MeteredStore(IPersistentStore inner, SimulatedWorldMeter meter) : IPersistentStore
{
    public bool Exists(string name)
    {
        meter.Enter();
        var result = inner.Exists(name);
        meter.Exit();
        return result;
    }

    public byte[] ReadAll(string name)
    {
        meter.Enter();
        var result = inner.ReadAll(name);
        meter.Exit();
        return result;
    }

    public void WriteAll(string name, byte[] data, int offset, int count)
    {
        meter.Enter();
        inner.WriteAll(name, data, offset, count);
        meter.Exit();
    }

    public void Append(string name, byte[] data, int offset, int count)
    {
        meter.Enter();
        inner.Append(name, data, offset, count);
        meter.Exit();
    }

    public long GetLength(string name)
    {
        meter.Enter();
        var result = inner.GetLength(name);
        meter.Exit();
        return result;
    }

    public int ReadAt(string name, long position, byte[] buffer, int offset, int count)
    {
        meter.Enter();
        var result = inner.ReadAt(name, position, buffer, offset, count);
        meter.Exit();
        return result;
    }

    public void Delete(string name)
    {
        meter.Enter();
        inner.Delete(name);
        meter.Exit();
    }
}
