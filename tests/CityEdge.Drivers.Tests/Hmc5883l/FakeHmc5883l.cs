using CityEdge.Hal;

namespace CityEdge.Drivers.Tests;

/// <summary>
/// An HMC5883L at register level (Honeywell HMC5883L datasheet, tables 2–17): configuration A/B,
/// mode, data X/Z/Y MSB first, status, ID 'H' '4' '3'. The pointer auto-increments and returns to
/// 0x03 after 0x08. In continuous mode every read sees a fresh measurement (15 Hz against 1 Hz
/// reads); positive bias adds the self-test field (1.16 Ga on X and Y, 1.08 Ga on Z); counts
/// outside -2048..2047 read -4096.
/// </summary>
internal sealed class FakeHmc5883l : II2cDevice
{
    private static readonly int[] LsbPerGauss = [1370, 1090, 820, 660, 440, 390, 330, 230];
    private readonly byte[] _registers = new byte[13];
    private int _pointer;

    public FakeHmc5883l()
    {
        // Power-on defaults (tables 3, 6, 10): CRA 0x10, CRB 0x20, mode 0x01 (single), ID 'H43'.
        _registers[0] = 0x10;
        _registers[1] = 0x20;
        _registers[2] = 0x01;
        _registers[10] = (byte)'H';
        _registers[11] = (byte)'4';
        _registers[12] = (byte)'3';
    }

    public int Address => 0x1E;

    public BusStatus FailWith { get; set; } = BusStatus.Ok;

    /// <summary>Field at the chip, gauss, in the chip's axes.</summary>
    public (double X, double Y, double Z) FieldG { get; set; }

    /// <summary>False simulates a damaged bias strap: self-test adds nothing.</summary>
    public bool BiasWorks { get; set; } = true;

    public byte Register(int address) => _registers[address];

    public void SetId(string id)
    {
        for (int i = 0; i < 3; i++)
        {
            _registers[10 + i] = (byte)id[i];
        }
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
            if (_pointer <= 0x02)
            {
                _registers[_pointer] = buffer[offset + i];
            }

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

        if (_pointer == 0x03 || _pointer == 0x09)
        {
            Measure();
        }

        for (int i = 0; i < count; i++)
        {
            buffer[offset + i] = _registers[_pointer];
            _pointer = _pointer == 0x08 ? 0x03 : (_pointer + 1) % _registers.Length;
        }

        return BusStatus.Ok;
    }

    public BusStatus WriteRead(byte[] writeBuffer, int writeOffset, int writeCount, byte[] readBuffer, int readOffset, int readCount)
    {
        BusStatus status = Write(writeBuffer, writeOffset, writeCount);
        return status != BusStatus.Ok ? status : Read(readBuffer, readOffset, readCount);
    }

    private void Measure()
    {
        bool continuous = (_registers[2] & 0x03) == 0x00;
        _registers[9] = (byte)(continuous ? 0x01 : 0x00);
        if (!continuous)
        {
            return;
        }

        int gain = _registers[1] >> 5;
        bool bias = (_registers[0] & 0x03) == 0x01 && BiasWorks;
        Store(0x03, FieldG.X + (bias ? 1.16 : 0), gain);
        Store(0x05, FieldG.Z + (bias ? 1.08 : 0), gain);
        Store(0x07, FieldG.Y + (bias ? 1.16 : 0), gain);
    }

    private void Store(int msbAddress, double gauss, int gain)
    {
        int counts = (int)Math.Round(gauss * LsbPerGauss[gain]);
        short value = (short)(counts < -2048 || counts > 2047 ? -4096 : counts);
        _registers[msbAddress] = (byte)((value >> 8) & 0xFF);
        _registers[msbAddress + 1] = (byte)(value & 0xFF);
    }
}
