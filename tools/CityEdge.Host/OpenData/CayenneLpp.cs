namespace CityEdge.Host.OpenData;

/// <summary>
/// Cayenne Low Power Payload (myDevices): a sequence of [channel (1), type (1), value (n)] with the
/// data types of the published LPP table (IPSO object id − 3200), big-endian, each value at the
/// table's resolution. Rounds half away from zero; a value outside the type's range throws naming
/// the channel, since LPP has no way to say "out of range".
/// </summary>
public sealed class CayenneLpp
{
    // Type, size and resolution from the Cayenne LPP data-type table.
    public const byte DigitalInput = 0;      // 1 byte, 1
    public const byte DigitalOutput = 1;     // 1 byte, 1
    public const byte AnalogInput = 2;       // 2 bytes, 0.01 signed
    public const byte AnalogOutput = 3;      // 2 bytes, 0.01 signed
    public const byte Illuminance = 101;     // 2 bytes, 1 lux unsigned
    public const byte Presence = 102;        // 1 byte, 1
    public const byte Temperature = 103;     // 2 bytes, 0.1 °C signed
    public const byte Humidity = 104;        // 1 byte, 0.5 % unsigned
    public const byte Accelerometer = 113;   // 3 x 2 bytes, 0.001 G signed
    public const byte Barometer = 115;       // 2 bytes, 0.1 hPa unsigned
    public const byte Gyrometer = 134;       // 3 x 2 bytes, 0.01 °/s signed
    public const byte GpsLocation = 136;     // 3 + 3 + 3 bytes: 0.0001 ° signed, 0.0001 ° signed, 0.01 m signed

    private readonly List<byte> _bytes = new();

    public int Length => _bytes.Count;

    public byte[] ToArray() => _bytes.ToArray();

    public CayenneLpp AddDigitalInput(byte channel, int value) => Add(channel, DigitalInput, value, 1, 1, false);

    public CayenneLpp AddDigitalOutput(byte channel, int value) => Add(channel, DigitalOutput, value, 1, 1, false);

    public CayenneLpp AddAnalogInput(byte channel, double value) => Add(channel, AnalogInput, value, 100, 2, true);

    public CayenneLpp AddAnalogOutput(byte channel, double value) => Add(channel, AnalogOutput, value, 100, 2, true);

    public CayenneLpp AddIlluminance(byte channel, double lux) => Add(channel, Illuminance, lux, 1, 2, false);

    public CayenneLpp AddPresence(byte channel, int value) => Add(channel, Presence, value, 1, 1, false);

    public CayenneLpp AddTemperature(byte channel, double celsius) => Add(channel, Temperature, celsius, 10, 2, true);

    public CayenneLpp AddHumidity(byte channel, double percent) => Add(channel, Humidity, percent, 2, 1, false);

    public CayenneLpp AddBarometer(byte channel, double hpa) => Add(channel, Barometer, hpa, 10, 2, false);

    public CayenneLpp AddAccelerometer(byte channel, double x, double y, double z) => AddTriple(channel, Accelerometer, x, y, z, 1000);

    public CayenneLpp AddGyrometer(byte channel, double x, double y, double z) => AddTriple(channel, Gyrometer, x, y, z, 100);

    public CayenneLpp AddGps(byte channel, double latitude, double longitude, double altitudeM)
    {
        Header(channel, GpsLocation);
        Put(Units(latitude, 10000, 3, true, channel), 3);
        Put(Units(longitude, 10000, 3, true, channel), 3);
        Put(Units(altitudeM, 100, 3, true, channel), 3);
        return this;
    }

    private CayenneLpp Add(byte channel, byte type, double value, int unitsPerOne, int size, bool signed)
    {
        long units = Units(value, unitsPerOne, size, signed, channel);
        Header(channel, type);
        Put(units, size);
        return this;
    }

    private CayenneLpp AddTriple(byte channel, byte type, double x, double y, double z, int unitsPerOne)
    {
        long ux = Units(x, unitsPerOne, 2, true, channel), uy = Units(y, unitsPerOne, 2, true, channel), uz = Units(z, unitsPerOne, 2, true, channel);
        Header(channel, type);
        Put(ux, 2);
        Put(uy, 2);
        Put(uz, 2);
        return this;
    }

    private void Header(byte channel, byte type)
    {
        _bytes.Add(channel);
        _bytes.Add(type);
    }

    private void Put(long units, int size)
    {
        for (int shift = 8 * (size - 1); shift >= 0; shift -= 8)
        {
            _bytes.Add((byte)(units >> shift));
        }
    }

    private static long Units(double value, int unitsPerOne, int size, bool signed, byte channel)
    {
        long units = (long)Math.Round(value * unitsPerOne, MidpointRounding.AwayFromZero);
        long max = signed ? (1L << ((8 * size) - 1)) - 1 : (1L << (8 * size)) - 1;
        long min = signed ? -max - 1 : 0;
        if (double.IsNaN(value) || units < min || units > max)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"channel {channel}: {value} does not fit {size} byte(s) at 1/{unitsPerOne} ({(double)min / unitsPerOne}..{(double)max / unitsPerOne})");
        }

        return units;
    }
}
