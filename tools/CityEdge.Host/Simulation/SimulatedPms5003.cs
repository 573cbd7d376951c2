using CityEdge.Hal;

namespace CityEdge.Host.Simulation;

/// <summary>
/// A PMS5003 at the byte level, seen through its UART: it obeys the wake, sleep, mode and passive
/// read commands of the data manual (V2.3 Appendix II), streams a frame every 2.3 s in active mode
/// (its power-up mode), and answers a read in passive mode. The air it sees has a background that
/// drifts over days, a morning and an evening traffic peak (local time), now and then a pollution
/// episode of a few hours, and noise; once in a while a byte is corrupted on the wire. Bytes are
/// available as soon as they are sent (a frame takes 33 ms at 9600 baud, far below the node's 1 s
/// polling). Deterministic for a given seed and clock.
/// </summary>
public sealed class SimulatedPms5003 : IUart
{
    private const int ActiveIntervalMs = 2300;
    private const int MaxBuffered = 4096;

    private readonly IClock _clock;
    private readonly Random _noise;
    private readonly int _seed;
    private readonly double _utcOffsetHours;
    private readonly Queue<byte> _out = new();
    private readonly List<byte> _in = new();
    private bool _awake = true;
    private bool _passive;
    private long _lastActiveFrameMs;
    private long _awakeSinceMs;
    private long _fanOnMs;

    /// <param name="corruptionRate">Chance that a frame sent has one byte flipped.</param>
    public SimulatedPms5003(IClock clock, int seed, double utcOffsetHours = 1.0, double corruptionRate = 0.005)
    {
        _clock = clock;
        _seed = seed;
        _noise = new Random(seed);
        _utcOffsetHours = utcOffsetHours;
        CorruptionRate = corruptionRate;
        _awakeSinceMs = clock.MonotonicMs();
        _lastActiveFrameMs = _awakeSinceMs;
    }

    public double CorruptionRate { get; set; }

    /// <summary>While true the sensor sends nothing (a pulled cable or a dead fan).</summary>
    public bool Disconnected { get; set; }

    public bool Awake => _awake;

    /// <summary>How long the fan has run, as the device itself would see it.</summary>
    public long FanOnMs => _fanOnMs + (_awake ? _clock.MonotonicMs() - _awakeSinceMs : 0);

    /// <summary>Frames sent (including corrupted ones).</summary>
    public int FramesSent { get; private set; }

    public int FramesCorrupted { get; private set; }

    public int BytesAvailable
    {
        get
        {
            StreamActiveFrames();
            return _out.Count;
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        StreamActiveFrames();
        int n = Math.Min(count, _out.Count);
        for (int i = 0; i < n; i++)
        {
            buffer[offset + i] = _out.Dequeue();
        }

        return n;
    }

    public void DiscardInput() => _out.Clear();

    public void Write(byte[] buffer, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _in.Add(buffer[offset + i]);
        }

        while (_in.Count >= 7)
        {
            if (_in[0] != 0x42 || _in[1] != 0x4D)
            {
                _in.RemoveAt(0);
                continue;
            }

            int sum = 0;
            for (int i = 0; i < 5; i++)
            {
                sum += _in[i];
            }

            bool valid = ((_in[5] << 8) | _in[6]) == (sum & 0xFFFF);
            byte command = _in[2];
            byte data = _in[4];
            _in.RemoveRange(0, 7);
            if (valid && !Disconnected)
            {
                Execute(command, data);
            }
        }
    }

    /// <summary>PM2.5 of the simulated air at <paramref name="utc"/>, µg/m³ (without noise), for tests.</summary>
    public double Pm2_5At(DateTime utc)
    {
        double days = (utc - new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalDays;
        double localHour = ((utc.TimeOfDay.TotalHours + _utcOffsetHours) % 24 + 24) % 24;
        double background = 7.0 + (3.0 * Math.Sin(2 * Math.PI * days / 3.7));
        double traffic = (14.0 * Bump(localHour, 8.0, 1.5)) + (10.0 * Bump(localHour, 18.0, 2.0));
        return background + traffic + Episode(utc);
    }

    private static double Bump(double x, double centre, double width) => Math.Exp(-((x - centre) * (x - centre)) / (2 * width * width));

    /// <summary>About one day in four has an episode (a bonfire night, an inversion, dust): a smooth
    /// rise and fall of 2-6 h adding 30-150 µg/m³ at its peak.</summary>
    private double Episode(DateTime utc)
    {
        int day = (int)Math.Floor((utc - DateTime.UnixEpoch).TotalDays);
        double total = 0;
        for (int d = day - 1; d <= day; d++)
        {
            var r = new Random(unchecked((_seed * 7919) + (d * 104729)));
            if (r.NextDouble() > 0.25)
            {
                continue;
            }

            double startH = r.NextDouble() * 24;
            double lengthH = 2 + (r.NextDouble() * 4);
            double peak = 30 + (r.NextDouble() * 120);
            double hoursIn = (utc - DateTime.UnixEpoch.AddDays(d)).TotalHours - startH;
            if (hoursIn > 0 && hoursIn < lengthH)
            {
                total += peak * Math.Sin(Math.PI * hoursIn / lengthH);
            }
        }

        return total;
    }

    private void Execute(byte command, byte data)
    {
        long now = _clock.MonotonicMs();
        switch (command)
        {
            case 0xE4 when data == 0x01 && !_awake:
                _awake = true;
                _passive = false; // it restarts in its power-up (active) mode
                _awakeSinceMs = now;
                _lastActiveFrameMs = now;
                break;
            case 0xE4 when data == 0x00 && _awake:
                _fanOnMs += now - _awakeSinceMs;
                _awake = false;
                SendAck(command, data);
                break;
            case 0xE1 when _awake:
                _passive = data == 0x00;
                SendAck(command, data);
                break;
            case 0xE2 when _awake && _passive:
                SendFrame(now);
                break;
        }
    }

    private void StreamActiveFrames()
    {
        if (!_awake || _passive || Disconnected)
        {
            return;
        }

        long now = _clock.MonotonicMs();
        while (now - _lastActiveFrameMs >= ActiveIntervalMs && _out.Count < MaxBuffered)
        {
            _lastActiveFrameMs += ActiveIntervalMs;
            SendFrame(_lastActiveFrameMs);
        }
    }

    private void SendAck(byte command, byte data)
    {
        int sum = 0x42 + 0x4D + 0x04 + command + data;
        Enqueue([0x42, 0x4D, 0x00, 0x04, command, data, (byte)(sum >> 8), (byte)sum], corrupt: false);
    }

    private void SendFrame(long atMs)
    {
        DateTime utc = _clock.UtcNow().AddMilliseconds(atMs - _clock.MonotonicMs());
        double pm2_5 = Math.Max(0, Pm2_5At(utc) * (1 + (0.05 * Gaussian())));
        double pm1_0 = pm2_5 * 0.68;
        double pm10 = (pm2_5 * 1.35) + 4 + (1.0 * Gaussian());
        int[] words = new int[13];
        words[3] = Clamp(pm1_0);
        words[4] = Clamp(pm2_5);
        words[5] = Clamp(pm10);
        // Below 30 µg/m³ the CF=1 and atmospheric words agree; above, CF=1 reads higher (data manual note).
        words[0] = words[3] < 30 ? words[3] : Clamp(pm1_0 * 1.3);
        words[1] = words[4] < 30 ? words[4] : Clamp(pm2_5 * 1.3);
        words[2] = words[5] < 30 ? words[5] : Clamp(pm10 * 1.3);
        words[6] = Clamp(pm2_5 * 150, 65535);
        words[7] = Clamp(pm2_5 * 45, 65535);
        words[8] = Clamp(pm2_5 * 8, 65535);
        words[9] = Clamp(pm2_5 * 0.8, 65535);
        words[10] = Clamp((pm10 - pm2_5) * 0.3, 65535);
        words[11] = Clamp((pm10 - pm2_5) * 0.1, 65535);
        var frame = new byte[32];
        frame[0] = 0x42;
        frame[1] = 0x4D;
        frame[3] = 28;
        for (int i = 0; i < 13; i++)
        {
            frame[4 + (2 * i)] = (byte)(words[i] >> 8);
            frame[5 + (2 * i)] = (byte)words[i];
        }

        int sum = 0;
        for (int i = 0; i < 30; i++)
        {
            sum += frame[i];
        }

        frame[30] = (byte)(sum >> 8);
        frame[31] = (byte)sum;
        FramesSent++;
        Enqueue(frame, corrupt: _noise.NextDouble() < CorruptionRate);
    }

    private void Enqueue(byte[] bytes, bool corrupt)
    {
        if (Disconnected)
        {
            return;
        }

        if (corrupt)
        {
            bytes[_noise.Next(bytes.Length)] ^= (byte)(1 << _noise.Next(8));
            FramesCorrupted++;
        }

        foreach (byte b in bytes)
        {
            _out.Enqueue(b);
        }
    }

    private static int Clamp(double value, int max = 999) => (int)Math.Clamp(Math.Round(value), 0, max);

    private double Gaussian()
    {
        double u1 = 1.0 - _noise.NextDouble();
        double u2 = _noise.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
