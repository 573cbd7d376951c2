namespace CityEdge.Host.Simulation;

/// <summary>What occupies (or passes) a bay in a <see cref="ParkingScenario"/>.</summary>
public enum VehicleKind
{
    SmallCar,
    LargeCar,
    Van,
    Motorbike,
    /// <summary>A car parked across the line between two bays: both are taken.</summary>
    StraddlingCar,
    PassingCar,
    Bus,
}

/// <summary>How a <see cref="ParkingScenario"/> is generated.</summary>
public sealed record ParkingScenarioOptions
{
    /// <summary>Bays in one row, side by side (perpendicular parking, 2.5 m pitch).</summary>
    public int Bays { get; init; } = 8;

    public double Days { get; init; } = 7;

    public int Seed { get; init; } = 1;

    /// <summary>Wall-clock time of scenario second 0; arrivals follow the local hour of day.</summary>
    public DateTime StartUtc { get; init; } = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    public double UtcOffsetHours { get; init; } = 1.0;

    /// <summary>Scales every kind of sensor trouble (noise spikes, dropouts); 0 for a clean sensor.</summary>
    public double TroubleScale { get; init; } = 1.0;
}

/// <summary>One stay in the row: a parked vehicle from arrival (at rest) to departure (starts moving).</summary>
public sealed record BayVisit(int Bay, int SecondBay, VehicleKind Kind, double ArriveS, double DepartS, double ApproachS, double LeaveS);

/// <summary>The bay's true state from <see cref="T"/> on, with the vehicle kind (when known) for error breakdowns.</summary>
public readonly record struct TruthChange(double T, int Bay, bool Occupied, VehicleKind? Kind);

/// <summary>One magnetometer reading (or a failed read) as the node would see it, µT in the sensor's axes.</summary>
public readonly record struct MagnetometerRow(double T, int Bay, bool Valid, double XUt, double YUt, double ZUt);

/// <summary>
/// A row of parking bays with in-ground magnetometers, deterministic for a seed: the evaluation set
/// for the bay detector (cityedge bench parking) and the simulator's bays.
/// <para>Physics: every vehicle is a handful of magnetic dipoles (engine block, axles, floor pan) whose
/// moments are mostly induced along the Earth's field plus a random permanent part; the sensor 5 cm
/// below the surface sums the point-dipole fields B = μ0/4π · (3(m·r̂)r̂ − m)/r³ (0.1 µT per A·m² at
/// 1 m). Moments are scaled so that a car over the sensor moves the field by tens of µT, a car in
/// the next bay by a few µT, a motorbike by a few to ~15 µT, and a bus in the lane by a few µT for
/// seconds (stopping in queues now and then). The sensor has a random mounting rotation, hard-iron
/// offset, a temperature drift of several µT per day plus a slow random walk, Gaussian noise,
/// single-sample spikes, short dropouts and rare long outages.</para>
/// <para>Traffic: arrivals follow the hour of day (commuters in the morning, short stays by day,
/// residents overnight), dwell times are log-normal; kinds are small and large cars, vans,
/// motorbikes and the occasional car straddling two bays.</para>
/// </summary>
public sealed class ParkingScenario
{
    private const double BayPitchM = 2.5;
    private const double SensorDepthM = 0.05;
    private const double DipoleFieldUtPerAm2 = 0.1; // μ0/4π = 1e-7 T·m/A → 0.1 µT at 1 m per A·m²
    private const double InfluenceRadiusM = 9.0;

    // Central Europe: ~20 µT horizontal (north), ~44 µT vertical (down); x east, y north (towards the lane), z up.
    private static readonly Vec EarthUt = new(0, 20, -44);

    private readonly ParkingScenarioOptions _options;
    private readonly List<Vehicle> _vehicles = [];
    private readonly List<Vehicle> _active = [];
    private readonly Dictionary<BayVisit, Vehicle> _visitVehicles = [];
    private int _nextVehicle;
    private double _activeAtS = double.NegativeInfinity;
    private readonly Sensor[] _sensors;

    private ParkingScenario(ParkingScenarioOptions options)
    {
        _options = options;
        _sensors = new Sensor[options.Bays];
    }

    public int Bays => _options.Bays;

    public double DurationS => _options.Days * 86400.0;

    public ParkingScenarioOptions Options => _options;

    public IReadOnlyList<BayVisit> Visits { get; private set; } = [];

    /// <summary>Every bay's true state changes in time order; each bay starts with a free entry at t = 0.</summary>
    public IReadOnlyList<TruthChange> Truth { get; private set; } = [];

    public static ParkingScenario Generate(ParkingScenarioOptions options)
    {
        if (options.Bays < 1 || options.Bays > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Bays, "a scenario has 1..64 bays");
        }

        if (!(options.Days > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Days, "a scenario lasts more than 0 days");
        }

        var scenario = new ParkingScenario(options);
        var rng = new Random(options.Seed);
        for (int b = 0; b < options.Bays; b++)
        {
            scenario._sensors[b] = new Sensor(new Random(rng.Next()), options);
        }

        scenario.PlanParking(new Random(rng.Next()));
        scenario.PlanTraffic(new Random(rng.Next()));
        scenario._vehicles.Sort((a, b) => a.StartS.CompareTo(b.StartS));
        return scenario;
    }

    /// <summary>Every bay's reading each second, bays interleaved, in time order.</summary>
    public IEnumerable<MagnetometerRow> Samples()
    {
        int seconds = (int)Math.Floor(DurationS);
        for (int t = 0; t < seconds; t++)
        {
            for (int b = 0; b < Bays; b++)
            {
                yield return Read(b, t);
            }
        }
    }

    /// <summary>The reading of bay <paramref name="bay"/> at scenario time <paramref name="t"/> s. Call it
    /// in time order (noise comes from each bay's own generator, vehicles from a moving window).</summary>
    public MagnetometerRow Read(int bay, double t)
    {
        Sensor sensor = _sensors[bay];
        if (sensor.IsDropped(t))
        {
            return new MagnetometerRow(t, bay, false, 0, 0, 0);
        }

        if (t < _activeAtS)
        {
            throw new InvalidOperationException($"readings must be taken in time order: {t} s after {_activeAtS} s");
        }

        if (t > _activeAtS)
        {
            _activeAtS = t;
            _active.RemoveAll(v => v.EndS < t);
            while (_nextVehicle < _vehicles.Count && _vehicles[_nextVehicle].StartS <= t)
            {
                _active.Add(_vehicles[_nextVehicle++]);
            }
        }

        Vec position = SensorPosition(bay);
        Vec field = EarthUt;
        foreach (var vehicle in _active)
        {
            if (t > vehicle.EndS)
            {
                continue;
            }

            vehicle.Pose(t, out Vec centre, out double heading);
            if (Math.Abs(centre.X - position.X) > InfluenceRadiusM || Math.Abs(centre.Y - position.Y) > InfluenceRadiusM)
            {
                continue;
            }

            field += vehicle.Field(position, centre, heading);
        }

        Vec reading = sensor.Measure(field, t);
        return new MagnetometerRow(t, bay, true, reading.X, reading.Y, reading.Z);
    }

    /// <summary>How far the parked vehicle of <paramref name="visit"/> moves the field at bay
    /// <paramref name="bay"/>'s sensor, µT (no noise, drift or other vehicles).</summary>
    public double SignatureUt(BayVisit visit, int bay)
    {
        var vehicle = _visitVehicles[visit];
        vehicle.Pose(visit.ArriveS, out Vec centre, out double heading);
        return vehicle.Field(SensorPosition(bay), centre, heading).Length;
    }

    /// <summary>Local hour of day (0..24) at scenario time <paramref name="t"/>.</summary>
    public double LocalHour(double t) =>
        (((_options.StartUtc.TimeOfDay.TotalHours + _options.UtcOffsetHours + (t / 3600.0)) % 24) + 24) % 24;

    private static Vec SensorPosition(int bay) => new(bay * BayPitchM, 0, -SensorDepthM);

    private void PlanParking(Random rng)
    {
        var visits = new List<BayVisit>();
        var busyUntil = new double[Bays];
        int seconds = (int)DurationS;
        for (int t = 0; t < seconds; t++)
        {
            double hour = LocalHour(t);
            double ratePerS = ArrivalsPerHour(hour) / 3600.0;
            for (int b = 0; b < Bays; b++)
            {
                if (t < busyUntil[b])
                {
                    continue;
                }

                // About one car in 25 ends up across the line to the next bay.
                if (b + 1 < Bays && t >= busyUntil[b + 1] && rng.NextDouble() < ratePerS * 0.04)
                {
                    visits.Add(AddVehicle(rng, b, b + 1, VehicleKind.StraddlingCar, t, hour, busyUntil));
                    continue;
                }

                if (rng.NextDouble() < ratePerS)
                {
                    double u = rng.NextDouble();
                    VehicleKind kind = u < 0.38 ? VehicleKind.SmallCar : u < 0.76 ? VehicleKind.LargeCar : u < 0.93 ? VehicleKind.Van : VehicleKind.Motorbike;
                    visits.Add(AddVehicle(rng, b, -1, kind, t, hour, busyUntil));
                }
            }
        }

        Visits = visits;
        var truth = new List<TruthChange>();
        for (int b = 0; b < Bays; b++)
        {
            truth.Add(new TruthChange(0, b, false, null));
        }

        foreach (var v in visits)
        {
            foreach (int bay in v.SecondBay < 0 ? new[] { v.Bay } : new[] { v.Bay, v.SecondBay })
            {
                truth.Add(new TruthChange(v.ArriveS, bay, true, v.Kind));
                if (v.DepartS < DurationS)
                {
                    truth.Add(new TruthChange(v.DepartS, bay, false, v.Kind));
                }
            }
        }

        truth.Sort((a, b) => a.T != b.T ? a.T.CompareTo(b.T) : a.Bay.CompareTo(b.Bay));
        Truth = truth;
    }

    private BayVisit AddVehicle(Random rng, int bay, int secondBay, VehicleKind kind, double startS, double hour, double[] busyUntil)
    {
        double approach = kind == VehicleKind.Motorbike ? 2 + (2 * rng.NextDouble()) : 3 + (5 * rng.NextDouble());
        double leave = kind == VehicleKind.Motorbike ? 2 + (2 * rng.NextDouble()) : 3 + (4 * rng.NextDouble());
        double dwell = Math.Max(120, DwellS(rng, hour, kind));
        double arrive = startS + approach;
        double depart = arrive + dwell;
        busyUntil[bay] = depart + leave + 10 + (60 * rng.NextDouble());
        if (secondBay >= 0)
        {
            busyUntil[secondBay] = busyUntil[bay];
        }

        double bayX = secondBay < 0 ? bay * BayPitchM : (bay + 0.5) * BayPitchM;
        Vec rest;
        if (kind == VehicleKind.Motorbike)
        {
            rest = new Vec(bayX + (0.8 * (rng.NextDouble() - 0.5)), 2.0 * (rng.NextDouble() - 0.5), 0);
        }
        else
        {
            rest = new Vec(bayX + Math.Clamp(Gaussian(rng, 0.2), -0.45, 0.45), Math.Clamp(Gaussian(rng, 0.3), -0.7, 0.7), 0);
        }

        // Nose in (heading -y) or reversed in (heading +y), a few degrees off square.
        double heading = (rng.NextDouble() < 0.7 ? -Math.PI / 2 : Math.PI / 2) + Gaussian(rng, 0.05);
        double side = rng.NextDouble() < 0.5 ? -1 : 1;
        var lanePoint = new Vec(rest.X + (side * 3.0), 5.5, 0);
        var vehicle = new Vehicle(Body.Create(rng, kind), startS, depart + leave)
        {
            Path = new ParkedPath(lanePoint, rest, heading, startS, arrive, depart, depart + leave),
        };
        _vehicles.Add(vehicle);
        var visit = new BayVisit(bay, secondBay, kind, arrive, depart, approach, leave);
        _visitVehicles[visit] = vehicle;
        return visit;
    }

    private void PlanTraffic(Random rng)
    {
        double rowEndX = (Bays - 1) * BayPitchM;
        int seconds = (int)DurationS;
        for (int t = 0; t < seconds; t++)
        {
            double hour = LocalHour(t);
            bool day = hour >= 6.5 && hour < 21;
            double carsPerHour = day ? 50 : 6;
            double busesPerHour = day ? 6 : 1;
            bool bus = rng.NextDouble() < busesPerHour / 3600.0;
            if (!bus && rng.NextDouble() >= carsPerHour / 3600.0)
            {
                continue;
            }

            bool eastbound = rng.NextDouble() < 0.5;
            double laneY = eastbound ? 4.5 : 7.5;
            double speed = bus ? 4 + (6 * rng.NextDouble()) : 5 + (9 * rng.NextDouble());
            double fromX = eastbound ? -40 : rowEndX + 40;
            double toX = eastbound ? rowEndX + 40 : -40;

            // One bus in eight waits in a queue beside the bays for up to a minute and a half.
            double stopX = double.NaN;
            double stopS = 0;
            if (bus && rng.NextDouble() < 0.125)
            {
                stopX = rowEndX * rng.NextDouble();
                stopS = 15 + (75 * rng.NextDouble());
            }

            var path = new LanePath(new Vec(fromX, laneY, 0), new Vec(toX, laneY, 0), speed, t, stopX, stopS);
            _vehicles.Add(new Vehicle(Body.Create(rng, bus ? VehicleKind.Bus : VehicleKind.PassingCar), t, path.EndS) { Path = path });
        }
    }

    private static double ArrivalsPerHour(double hour) => hour switch
    {
        < 6 => 0.04,
        < 7 => 0.2,
        < 9.5 => 0.9,
        < 17 => 0.7,
        < 21 => 0.6,
        _ => 0.15,
    };

    private static double DwellS(Random rng, double hour, VehicleKind kind)
    {
        // Log-normal stays: commuters (morning) ~8 h, shoppers (day) ~1 h, residents (evening/night) ~11 h.
        double medianH = hour switch
        {
            < 6 => 4,
            < 9.5 => 7.5,
            < 17 => 1.0,
            < 21 => 10.5,
            _ => 8,
        };
        if (kind == VehicleKind.StraddlingCar)
        {
            medianH = Math.Min(medianH, 1.0);
        }

        return medianH * 3600 * Math.Exp(Gaussian(rng, 0.8));
    }

    private static double Gaussian(Random rng, double sigma)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static Vec RandomUnit(Random rng)
    {
        Vec v = new(Gaussian(rng, 1), Gaussian(rng, 1), Gaussian(rng, 1));
        return v * (1.0 / Math.Max(1e-9, v.Length));
    }

    private readonly record struct Vec(double X, double Y, double Z)
    {
        public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

        public static Vec operator +(Vec a, Vec b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

        public static Vec operator -(Vec a, Vec b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

        public static Vec operator *(Vec a, double k) => new(a.X * k, a.Y * k, a.Z * k);

        public static double Dot(Vec a, Vec b) => (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);

        public static Vec Lerp(Vec a, Vec b, double s) => a + ((b - a) * s);
    }

    /// <summary>A vehicle's ferrous parts as point dipoles: positions in the vehicle frame (u forward,
    /// v left, height up), moments in the world frame (A·m²).</summary>
    private sealed class Body
    {
        private readonly Vec[] _parts;
        private readonly Vec[] _moments;

        private Body(Vec[] parts, Vec[] moments)
        {
            _parts = parts;
            _moments = moments;
        }

        public static Body Create(Random rng, VehicleKind kind)
        {
            var parts = new List<(Vec Position, double Moment)>();
            switch (kind)
            {
                case VehicleKind.Motorbike:
                    {
                        double m = 10 + (15 * rng.NextDouble());
                        parts.Add((new Vec(0.1, 0, 0.35), m));
                        parts.Add((new Vec(-0.5, 0, 0.4), 0.5 * m));
                        break;
                    }

                case VehicleKind.Bus:
                    {
                        double m = 250 + (200 * rng.NextDouble());
                        for (double u = -5.5; u <= 5.5; u += 1.1)
                        {
                            parts.Add((new Vec(u, 0, 0.7), m));
                        }

                        break;
                    }

                default:
                    {
                        // Length, floor height and moment scale: small car, large car / straddler, van.
                        double length = kind switch { VehicleKind.SmallCar => 3.7, VehicleKind.Van => 5.2, _ => 4.6 } + (0.3 * rng.NextDouble());
                        double scale = kind switch { VehicleKind.SmallCar => 1.4, VehicleKind.Van => 3.0, _ => 2.0 } * (0.75 + (0.5 * rng.NextDouble()));
                        double floor = kind == VehicleKind.Van ? 0.38 : 0.28;
                        parts.Add((new Vec(0.33 * length, 0, floor + 0.25), 80 * scale));      // engine block
                        parts.Add((new Vec(0.30 * length, 0.6, floor), 25 * scale));           // front suspension
                        parts.Add((new Vec(0.30 * length, -0.6, floor), 25 * scale));
                        parts.Add((new Vec(-0.30 * length, 0.6, floor), 25 * scale));          // rear axle
                        parts.Add((new Vec(-0.30 * length, -0.6, floor), 25 * scale));
                        parts.Add((new Vec(0, 0.45, floor - 0.05), 15 * scale));              // floor pan
                        parts.Add((new Vec(0, -0.45, floor - 0.05), 15 * scale));
                        parts.Add((new Vec(-0.42 * length, 0, floor + 0.1), 20 * scale));      // boot / spare wheel
                        break;
                    }
            }

            Vec induced = EarthUt * (1.0 / EarthUt.Length);
            var moments = new Vec[parts.Count];
            for (int i = 0; i < moments.Length; i++)
            {
                // Mostly induced along the Earth's field, plus a remanent part from manufacture.
                Vec direction = (induced * 0.85) + (RandomUnit(rng) * 0.5);
                moments[i] = direction * (parts[i].Moment / direction.Length);
            }

            return new Body(parts.Select(p => p.Position).ToArray(), moments);
        }

        public Vec Field(Vec sensor, Vec centre, double heading)
        {
            double c = Math.Cos(heading);
            double s = Math.Sin(heading);
            Vec sum = default;
            for (int i = 0; i < _parts.Length; i++)
            {
                Vec p = _parts[i];
                Vec world = new(centre.X + (p.X * c) - (p.Y * s), centre.Y + (p.X * s) + (p.Y * c), p.Z);
                Vec r = sensor - world;
                double d = r.Length;
                Vec rHat = r * (1.0 / d);
                Vec m = _moments[i];
                sum += ((rHat * (3 * Vec.Dot(m, rHat))) - m) * (DipoleFieldUtPerAm2 / (d * d * d));
            }

            return sum;
        }
    }

    private abstract class VehiclePath
    {
        public abstract void Pose(double t, out Vec centre, out double heading);
    }

    /// <summary>Drives in from the lane, waits, drives out the same way (smoothstep in time).</summary>
    private sealed class ParkedPath(Vec lane, Vec rest, double heading, double startS, double arriveS, double departS, double endS) : VehiclePath
    {
        public override void Pose(double t, out Vec centre, out double h)
        {
            h = heading;
            if (t <= arriveS)
            {
                centre = Vec.Lerp(lane, rest, Smooth((t - startS) / (arriveS - startS)));
            }
            else if (t < departS)
            {
                centre = rest;
            }
            else
            {
                centre = Vec.Lerp(rest, lane, Smooth((t - departS) / (endS - departS)));
            }
        }

        private static double Smooth(double s)
        {
            s = Math.Clamp(s, 0, 1);
            return s * s * (3 - (2 * s));
        }
    }

    /// <summary>Constant speed along the lane, optionally waiting at one point (a queue).</summary>
    private sealed class LanePath : VehiclePath
    {
        private readonly Vec _from;
        private readonly Vec _to;
        private readonly double _speed;
        private readonly double _startS;
        private readonly double _stopAtS;
        private readonly double _stopS;
        private readonly double _length;

        public LanePath(Vec from, Vec to, double speed, double startS, double stopX, double stopS)
        {
            _from = from;
            _to = to;
            _speed = speed;
            _startS = startS;
            _length = (to - from).Length;
            _stopAtS = double.IsNaN(stopX) ? double.MaxValue : startS + (Math.Abs(stopX - from.X) / speed);
            _stopS = double.IsNaN(stopX) ? 0 : stopS;
            EndS = startS + (_length / speed) + _stopS;
        }

        public double EndS { get; }

        public override void Pose(double t, out Vec centre, out double heading)
        {
            double moving = t < _stopAtS ? t - _startS : Math.Max(_stopAtS - _startS, t - _startS - _stopS);
            centre = Vec.Lerp(_from, _to, Math.Clamp(moving * _speed / _length, 0, 1));
            heading = _to.X > _from.X ? 0 : Math.PI;
        }
    }

    private sealed class Vehicle(Body body, double startS, double endS)
    {
        public double StartS { get; } = startS;

        public double EndS { get; } = endS;

        public required VehiclePath Path { get; init; }

        public void Pose(double t, out Vec centre, out double heading) => Path.Pose(t, out centre, out heading);

        public Vec Field(Vec sensor, Vec centre, double heading) => body.Field(sensor, centre, heading);
    }

    /// <summary>An in-ground magnetometer: mounting rotation, offsets, temperature drift, noise, faults.</summary>
    private sealed class Sensor
    {
        private readonly Random _noise;
        private readonly double[] _rotation = new double[9];
        private readonly Vec _offset;
        private readonly Vec _driftPerDegC;
        private readonly double _roadSwingDegC;
        private readonly double[] _walkKnotsX;
        private readonly double[] _walkKnotsY;
        private readonly double[] _walkKnotsZ;
        private readonly double _noiseUt;
        private readonly double _spikesPerS;
        private readonly List<(double From, double To)> _dropouts = [];
        private readonly ParkingScenarioOptions _options;
        private int _dropIndex;

        public Sensor(Random rng, ParkingScenarioOptions options)
        {
            _options = options;
            _noise = new Random(rng.Next());

            // Any yaw, a few degrees of tilt: the installer drills a hole, not a jig.
            double yaw = 2 * Math.PI * rng.NextDouble();
            double tilt = Gaussian(rng, 0.05);
            double cy = Math.Cos(yaw), sy = Math.Sin(yaw), ct = Math.Cos(tilt), st = Math.Sin(tilt);
            double[] r = [cy, sy, 0, -sy * ct, cy * ct, st, sy * st, -cy * st, ct];
            Array.Copy(r, _rotation, 9);

            _offset = new Vec(Gaussian(rng, 4), Gaussian(rng, 4), Gaussian(rng, 4));

            // Offset drift ~0.15-0.35 µT/°C per axis over a road surface swinging 10-20 °C a day:
            // several µT peak to peak per day.
            _driftPerDegC = RandomUnit(rng) * (0.15 + (0.2 * rng.NextDouble()));
            _roadSwingDegC = 10 + (10 * rng.NextDouble());
            int days = (int)Math.Ceiling(options.Days) + 2;
            _walkKnotsX = Walk(rng, days);
            _walkKnotsY = Walk(rng, days);
            _walkKnotsZ = Walk(rng, days);

            _noiseUt = 0.15 + (0.25 * rng.NextDouble());
            _spikesPerS = 3e-5 * options.TroubleScale;

            // Short dropouts (bus errors, brown-outs), ~4 a day; a long outage in about one bay-day in 15.
            double duration = options.Days * 86400;
            for (double t = 0; t < duration; t += 1)
            {
                if (rng.NextDouble() < 4.0 / 86400 * options.TroubleScale)
                {
                    _dropouts.Add((t, t + 1 + (19 * rng.NextDouble())));
                }
                else if (rng.NextDouble() < 1.0 / 15 / 86400 * options.TroubleScale)
                {
                    _dropouts.Add((t, t + 300 + (6900 * rng.NextDouble())));
                }
            }
        }

        public bool IsDropped(double t)
        {
            while (_dropIndex < _dropouts.Count && _dropouts[_dropIndex].To <= t)
            {
                _dropIndex++;
            }

            return _dropIndex < _dropouts.Count && _dropouts[_dropIndex].From <= t;
        }

        public Vec Measure(Vec worldUt, double t)
        {
            double[] r = _rotation;
            Vec local = new(
                (r[0] * worldUt.X) + (r[1] * worldUt.Y) + (r[2] * worldUt.Z),
                (r[3] * worldUt.X) + (r[4] * worldUt.Y) + (r[5] * worldUt.Z),
                (r[6] * worldUt.X) + (r[7] * worldUt.Y) + (r[8] * worldUt.Z));

            // Road surface temperature: minimum before dawn, maximum mid-afternoon.
            double hour = ((_options.StartUtc.TimeOfDay.TotalHours + _options.UtcOffsetHours + (t / 3600.0)) % 24 + 24) % 24;
            double degC = _roadSwingDegC * 0.5 * Math.Cos(2 * Math.PI * (hour - 15) / 24);
            double day = t / 86400;
            Vec walk = new(Interpolate(_walkKnotsX, day), Interpolate(_walkKnotsY, day), Interpolate(_walkKnotsZ, day));
            Vec noise = new(Gaussian(_noise, _noiseUt), Gaussian(_noise, _noiseUt), Gaussian(_noise, _noiseUt));
            Vec value = local + _offset + (_driftPerDegC * degC) + walk + noise;
            if (_noise.NextDouble() < _spikesPerS)
            {
                // A single-sample EMI spike on one axis.
                double spike = (10 + (30 * _noise.NextDouble())) * (_noise.NextDouble() < 0.5 ? -1 : 1);
                value += _noise.Next(3) switch { 0 => new Vec(spike, 0, 0), 1 => new Vec(0, spike, 0), _ => new Vec(0, 0, spike) };
            }

            return new Vec(Math.Round(value.X, 2), Math.Round(value.Y, 2), Math.Round(value.Z, 2));
        }

        private static double[] Walk(Random rng, int days)
        {
            // Seasonal / ageing wander: about 1 µT per day, knots once a day, linear between.
            var knots = new double[days + 1];
            for (int i = 1; i < knots.Length; i++)
            {
                knots[i] = knots[i - 1] + Gaussian(rng, 1.0);
            }

            return knots;
        }

        private static double Interpolate(double[] knots, double day)
        {
            int i = Math.Clamp((int)Math.Floor(day), 0, knots.Length - 2);
            double f = Math.Clamp(day - i, 0, 1);
            return knots[i] + ((knots[i + 1] - knots[i]) * f);
        }
    }
}
