using CityEdge.Hal;

namespace CityEdge.Drivers.Tests;

/// <summary>
/// A QMC5883L at register level (datasheet v1.0 section 9): 14 registers, a pointer that
/// auto-increments (rolling over 0x00–0x06 when ROL_PNT is set), soft reset back to standby,
/// DRDY set by a new measurement in continuous mode and cleared by reading a data register,
/// OVL when an axis exceeds the selected range. Faults can be injected.
/// </summary>
internal sealed class FakeQmc5883l : II2cDevice
{
    private readonly byte[] _registers = new byte[14];
    private int _pointer;
    private double _xG;
    private double _yG;
    private double _zG;

    public FakeQmc5883l()
    {
        PowerOnReset();
    }

    public int Address => 0x0D;

    /// <summary>Every transfer answers with this instead of completing (a pulled cable: NoAcknowledge).</summary>
    public BusStatus FailWith { get; set; } = BusStatus.Ok;

    public byte ChipId { get; set; } = 0xFF;

    public int SoftResets { get; private set; }

    public byte Register(int address) => _registers[address];

    /// <summary>The field at the chip, gauss; in continuous mode a new measurement is ready at once.</summary>
    public void SetField(double xG, double yG, double zG)
    {
        _xG = xG;
        _yG = yG;
        _zG = zG;
        Measure();
    }

    /// <summary>A brown-out: registers back to their power-on values (standby).</summary>
    public void PowerOnReset()
    {
        Array.Clear(_registers);
        _registers[0x0D] = ChipId;
    }

    public BusStatus Write(byte[] buffer, int offset, int count)
    {
        if (FailWith != BusStatus.Ok)
        {
            return FailWith;
        }

        _pointer = buffer[offset];
        for (int i = 1; i < count; i++)
        {
            WriteRegister(_pointer, buffer[offset + i]);
            _pointer++;
        }

        return BusStatus.Ok;
    }

    public BusStatus Read(byte[] buffer, int offset, int count)
    {
        if (FailWith != BusStatus.Ok)
        {
            return FailWith;
        }

        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = _registers[_pointer];
            if (_pointer <= 0x05)
            {
                _registers[0x06] &= 0xFE; // reading data clears DRDY
            }

            bool rollOver = (_registers[0x0A] & 0x40) != 0;
            _pointer = rollOver && _pointer == 0x06 ? 0x00 : (_pointer + 1) % _registers.Length;
        }

        return BusStatus.Ok;
    }

    public BusStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount)
    {
        BusStatus status = Write(writeBuffer, writeOffset, writeCount);
        return status != BusStatus.Ok ? status : Read(readBuffer, readOffset, readCount);
    }

    private void WriteRegister(int address, byte value)
    {
        if (address == 0x0A && (value & 0x80) != 0)
        {
            SoftResets++;
            PowerOnReset();
            return;
        }

        if (address == 0x0D || address <= 0x08)
        {
            return; // read-only
        }

        _registers[address] = value;
        if (address == 0x09)
        {
            Measure();
        }
    }

    private void Measure()
    {
        if ((_registers[0x09] & 0x03) != 0x01)
        {
            return; // standby: no conversions
        }

        // Table 2: 12000 LSB/G at ±2 G (RNG 00), 3000 LSB/G at ±8 G (RNG 01).
        bool range8 = (_registers[0x09] & 0x30) == 0x10;
        double lsbPerGauss = range8 ? 3000 : 12000;
        double limitG = range8 ? 8 : 2;
        bool overflow = Math.Abs(_xG) > limitG || Math.Abs(_yG) > limitG || Math.Abs(_zG) > limitG;
        Store(0, overflow ? 0 : _xG * lsbPerGauss);
        Store(2, overflow ? 0 : _yG * lsbPerGauss);
        Store(4, overflow ? 0 : _zG * lsbPerGauss);
        _registers[0x06] = (byte)(0x01 | (overflow ? 0x02 : 0));
    }

    private void Store(int lsbAddress, double counts)
    {
        short value = (short)Math.Round(counts);
        _registers[lsbAddress] = (byte)(value & 0xFF);
        _registers[lsbAddress + 1] = (byte)((value >> 8) & 0xFF);
    }
}
