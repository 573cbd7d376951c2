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
    /// <summary>A rigid lorry (busy lanes only).</summary>
    Lorry,
}

/// <summary>The street a <see cref="ParkingScenario"/> lines.</summary>
public enum ParkingStreet
{
    /// <summary>Perpendicular bays (2.5 m pitch) beside a quiet lane 4.5–7.5 m from the sensors:
    /// ~50 cars and 6 buses an hour by day. The evaluation sets of seeds 1–100 are this street.</summary>
    SideStreet,

    /// <summary>Parallel bays (6 m pitch) along a busy two-way street: the near lane passes 1–3 m from the
    /// sensors (the gap is drawn per seed), 5 000–9 000 light and 200–400 heavy vehicles a day in it, bunched
    /// at rush hour, queueing from a traffic light beyond the row.</summary>
    BusyLane,
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

    public ParkingStreet Street { get; init; } = ParkingStreet.SideStreet;
}

/// <summary>One vehicle driving by in a lane of a <see cref="ParkingStreet.BusyLane"/> street: its kind, whether
/// it used the near lane, when it entered the simulated stretch (60 m before the first bay), the lateral
/// distance of its centre line from the sensors (m) and how long it stood beside the row in a queue (0 if
/// it did not stop there). <see cref="ParkingScenario.PeakFieldUt"/> gives its field at a bay sensor.</summary>
public sealed record LanePass(VehicleKind Kind, bool NearLane, double StartS, double CentreLineM, double StoodBesideRowS);

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
/// <para>Streets: a side street (perpendicular bays, a quiet lane 4.5-7.5 m away; seeds 1-100 of the
/// evaluation) or a busy one (<see cref="ParkingStreet.BusyLane"/>: parallel bays, a busy two-way street
/// 1-3 m from the sensors, queues from a traffic light; docs/parking.md gives the magnitudes).</para>
/// <para>Traffic: arrivals follow the hour of day (commuters in the morning, short stays by day,
/// residents overnight), dwell times are log-normal; kinds are small and large cars, vans,
/// motorbikes and the occasional car straddling two bays.</para>
/// </summary>
public sealed class ParkingScenario
{
    private const double SideStreetPitchM = 2.5;

    // Parallel bays are marked 5.5-6.5 m long and 2.0-2.5 m wide; the sensor sits in the middle.
    private const double BusyLanePitchM = 6.0;
    private const double SensorDepthM = 0.05;
    private const double DipoleFieldUtPerAm2 = 0.1; // μ0/4π = 1e-7 T·m/A → 0.1 µT at 1 m per A·m²
    private const double InfluenceRadiusM = 9.0;

    // Busy lane: vehicles enter the simulated stretch this far before the first bay and leave it this far
    // beyond the row (or the traffic light), out of every sensor's reach.
    private const double LaneEntryM = 60;

    // Central Europe: ~20 µT horizontal (north), ~44 µT vertical (down); x east, y north (towards the lane), z up.
    private static readonly Vec EarthUt = new(0, 20, -44);

    private readonly ParkingScenarioOptions _options;
    private readonly double _pitchM;
    private readonly List<Vehicle> _vehicles = [];
    private readonly List<LanePass> _lanePasses = [];
    private readonly Dictionary<LanePass, Vehicle> _passVehicles = [];
    private readonly List<Vehicle> _active = [];
    private readonly Dictionary<BayVisit, Vehicle> _visitVehicles = [];
    private int _nextVehicle;
    private double _activeAtS = double.NegativeInfinity;
    private readonly Sensor[] _sensors;

    private ParkingScenario(ParkingScenarioOptions options)
    {
        _options = options;
        _pitchM = options.Street == ParkingStreet.BusyLane ? BusyLanePitchM : SideStreetPitchM;
        _sensors = new Sensor[options.Bays];
    }

    public int Bays => _options.Bays;

    public double DurationS => _options.Days * 86400.0;

    public ParkingScenarioOptions Options => _options;

    public IReadOnlyList<BayVisit> Visits { get; private set; } = [];

    /// <summary>The vehicles that drove by in the lanes of a <see cref="ParkingStreet.BusyLane"/> street (empty
    /// for a side street).</summary>
    public IReadOnlyList<LanePass> LanePasses => _lanePasses;

    /// <summary>Gap between the sensors and the near side of a vehicle in the near lane, m (busy lane only).</summary>
    public double LaneGapM { get; private set; }

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

        if (options.Street == ParkingStreet.BusyLane)
        {
            scenario.LaneGapM = 1 + (2 * rng.NextDouble());
        }

        scenario.PlanParking(new Random(rng.Next()));
        if (options.Street == ParkingStreet.BusyLane)
        {
            scenario.PlanBusyLanes(new Random(rng.Next()));
        }
        else
        {
            scenario.PlanTraffic(new Random(rng.Next()));
        }

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
            if (Math.Abs(centre.X - position.X) > vehicle.ReachM || Math.Abs(centre.Y - position.Y) > vehicle.ReachM)
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

    /// <summary>The largest field <paramref name="pass"/>'s vehicle makes at a bay sensor as it drives by
    /// beside it, µT (no noise, drift or other vehicles; sampled every 0.25 m).</summary>
    public double PeakFieldUt(LanePass pass)
    {
        var vehicle = _passVehicles[pass];
        double heading = pass.NearLane ? 0 : Math.PI;
        Vec sensor = SensorPosition(Bays / 2);
        double peak = 0;
        for (double dx = -15; dx <= 15; dx += 0.25)
        {
            peak = Math.Max(peak, vehicle.Field(sensor, new Vec(sensor.X + dx, pass.CentreLineM, 0), heading).Length);
        }

        return peak;
    }

    /// <summary>Local hour of day (0..24) at scenario time <paramref name="t"/>.</summary>
    public double LocalHour(double t) =>
        (((_options.StartUtc.TimeOfDay.TotalHours + _options.UtcOffsetHours + (t / 3600.0)) % 24) + 24) % 24;

    private Vec SensorPosition(int bay) => new(bay * _pitchM, 0, -SensorDepthM);

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

        double bayX = secondBay < 0 ? bay * _pitchM : (bay + 0.5) * _pitchM;
        Vec rest;
        double heading;
        Vec lanePoint;
        double laneSpeed = 0;
        if (_options.Street == ParkingStreet.BusyLane)
        {
            // Parallel parking, facing the near lane's traffic (+x): reversed in from the lane ahead of the
            // bay, driven out forwards to the same point. Cars stand near the kerb, less exact along it;
            // a motorbike stands within 1 m of the bay's middle (as on the side street: a motorbike at the
            // end of a 6 m bay, 2-3 m from the sensor, moves the field there by well under 1 µT).
            rest = kind == VehicleKind.Motorbike
                ? new Vec(bayX + (2.0 * (rng.NextDouble() - 0.5)), 0.8 * (rng.NextDouble() - 0.5), 0)
                : new Vec(bayX + Math.Clamp(Gaussian(rng, 0.35), -0.9, 0.9), Math.Clamp(Gaussian(rng, 0.12), -0.35, 0.35), 0);
            heading = Gaussian(rng, 0.03);
            lanePoint = new Vec(rest.X + 6.5, LaneGapM + 0.9, 0);

            // It comes along the near lane past the bay (15-30 km/h, looking for the space) and leaves along it.
            laneSpeed = (15 + (15 * rng.NextDouble())) / 3.6;
        }
        else
        {
            rest = kind == VehicleKind.Motorbike
                ? new Vec(bayX + (0.8 * (rng.NextDouble() - 0.5)), 2.0 * (rng.NextDouble() - 0.5), 0)
                : new Vec(bayX + Math.Clamp(Gaussian(rng, 0.2), -0.45, 0.45), Math.Clamp(Gaussian(rng, 0.3), -0.7, 0.7), 0);

            // Nose in (heading -y) or reversed in (heading +y), a few degrees off square.
            heading = (rng.NextDouble() < 0.7 ? -Math.PI / 2 : Math.PI / 2) + Gaussian(rng, 0.05);
            double side = rng.NextDouble() < 0.5 ? -1 : 1;
            lanePoint = new Vec(rest.X + (side * 3.0), 5.5, 0);
        }

        double laneS = laneSpeed > 0 ? (lanePoint.X + LaneEntryM) / laneSpeed : 0;
        var vehicle = new Vehicle(Body.Create(rng, kind), startS - laneS, depart + leave + laneS)
        {
            Path = new ParkedPath(lanePoint, rest, heading, startS, arrive, depart, depart + leave) { LaneSpeed = laneSpeed },
        };
        _vehicles.Add(vehicle);
        var visit = new BayVisit(bay, secondBay, kind, arrive, depart, approach, leave);
        _visitVehicles[visit] = vehicle;
        return visit;
    }

    private void PlanTraffic(Random rng)
    {
        double rowEndX = (Bays - 1) * _pitchM;
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

    /// <summary>
    /// The two lanes of a busy street beside parallel bays. The near lane (traffic in +x) runs with its
    /// centre line 1.3 m (half a bus's width) beyond <see cref="LaneGapM"/>, the far lane 3.25 m (one lane)
    /// farther. Each carries 5 000–9 000 light vehicles (cars, vans, a few motorbikes) and 200–400 heavy
    /// ones (buses, rigid lorries) a day, on a weekday profile with morning and evening peaks, the heavy
    /// ones more bunched into the peaks; 10–35 km/h in the peaks, 25–50 km/h otherwise. A traffic light
    /// 5–60 m beyond the last bay stops the near lane: vehicles reaching it on red, or the back of its
    /// queue before that queue has moved off, stand until the discharge reaches them (2 s lost time, then
    /// 2 s per light and 3 s per heavy vehicle, 2 m between stopped vehicles: typical saturation-flow
    /// values), so in the peaks queues reach back along the bays and stand there for up to a minute or two.
    /// </summary>
    private void PlanBusyLanes(Random rng)
    {
        double rowEndX = (Bays - 1) * _pitchM;
        double nearCentreM = LaneGapM + 1.3;
        var near = new LaneFlow(5000 + (4000 * rng.NextDouble()), 200 + (200 * rng.NextDouble()));
        var far = new LaneFlow(5000 + (4000 * rng.NextDouble()), 200 + (200 * rng.NextDouble()));
        double cycleS = 60 + (60 * rng.NextDouble());
        var light = new TrafficLight(cycleS, cycleS * (0.40 + (0.15 * rng.NextDouble())), cycleS * rng.NextDouble(), rowEndX + 5 + (55 * rng.NextDouble()));
        int seconds = (int)DurationS;
        for (int t = 0; t < seconds; t++)
        {
            double hour = LocalHour(t);
            bool peak = (hour >= 7 && hour < 9.5) || (hour >= 16 && hour < 18.5);
            for (int lane = 0; lane < 2; lane++)
            {
                bool nearLane = lane == 0;
                VehicleKind kind;
                if (!(nearLane ? near : far).Draw(rng, hour, out kind))
                {
                    continue;
                }

                double speed = (peak ? 10 + (25 * rng.NextDouble()) : 25 + (25 * rng.NextDouble())) / 3.6;
                double centreM = (nearLane ? nearCentreM : nearCentreM + 3.25) + Math.Clamp(Gaussian(rng, 0.15), -0.25, 0.25);
                double fromX = nearLane ? -LaneEntryM : light.StopLineX + LaneEntryM;
                double toX = nearLane ? light.StopLineX + LaneEntryM : -LaneEntryM;
                double stopX = double.NaN;
                double stopS = 0;
                double halfLength = HalfLength(kind);
                if (nearLane)
                {
                    light.Queue(t, fromX, speed, halfLength, kind is VehicleKind.Bus or VehicleKind.Lorry, out stopX, out stopS);
                }

                var path = new LanePath(new Vec(fromX, centreM, 0), new Vec(toX, centreM, 0), speed, t, stopX, stopS);
                var vehicle = new Vehicle(Body.Create(rng, kind), t, path.EndS) { Path = path, ReachM = InfluenceRadiusM + halfLength };
                _vehicles.Add(vehicle);
                bool besideRow = !double.IsNaN(stopX) && stopX > -_pitchM && stopX < rowEndX + _pitchM;
                var pass = new LanePass(kind, nearLane, t, centreM, besideRow ? stopS : 0);
                _lanePasses.Add(pass);
                _passVehicles[pass] = vehicle;
            }
        }
    }

    private static double HalfLength(VehicleKind kind) => kind switch
    {
        VehicleKind.Bus => 6.0,
        VehicleKind.Lorry => 4.2,
        VehicleKind.Motorbike => 1.1,
        VehicleKind.Van => 2.7,
        _ => 2.35,
    };

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

                case VehicleKind.Lorry:
                    {
                        // A rigid lorry: ladder frame and axles along ~8 m, engine and gearbox at the front.
                        double m = 300 + (200 * rng.NextDouble());
                        for (double u = -3.3; u <= 3.31; u += 1.1)
                        {
                            parts.Add((new Vec(u, 0, 0.8), m));
                        }

                        parts.Add((new Vec(3.6, 0, 1.0), 2 * m));
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
        /// <summary>When above 0, the vehicle drives along the lane (+x) at this speed, m/s, to the lane point
        /// before the manoeuvre and away from it after (busy lane); otherwise it appears and vanishes there.</summary>
        public double LaneSpeed { get; init; }

        public override void Pose(double t, out Vec centre, out double h)
        {
            h = heading;
            if (LaneSpeed > 0 && (t < startS || t > endS))
            {
                centre = lane + new Vec((t < startS ? t - startS : t - endS) * LaneSpeed, 0, 0);
                h = 0;
            }
            else if (t <= arriveS)
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

        /// <summary>Beyond this distance of its centre from a sensor (along either axis) the vehicle's field is
        /// not computed there: a fraction of a µT for a car; long vehicles reach farther by half their length.</summary>
        public double ReachM { get; init; } = InfluenceRadiusM;

        public void Pose(double t, out Vec centre, out double heading) => Path.Pose(t, out centre, out heading);

        public Vec Field(Vec sensor, Vec centre, double heading) => body.Field(sensor, centre, heading);
    }

    /// <summary>How many vehicles a lane carries, by hour of a weekday.</summary>
    private sealed class LaneFlow(double lightPerDay, double heavyPerDay)
    {
        // Share of the day's traffic in each hour (local time): a typical urban weekday with a morning and
        // an evening peak of ~8 % of the day each; heavy vehicles (bus timetables, deliveries) bunch more.
        private static readonly double[] LightShare = Normalise([0.9, 0.5, 0.4, 0.4, 0.6, 1.5, 4.0, 7.0, 8.0, 6.2, 5.2, 5.3, 5.6, 5.5, 5.6, 6.3, 7.5, 8.0, 6.5, 4.6, 3.4, 2.7, 2.2, 1.6]);
        private static readonly double[] HeavyShare = Normalise([0.3, 0.2, 0.2, 0.2, 0.4, 1.5, 5.0, 10.0, 11.0, 6.0, 4.5, 4.5, 4.5, 4.5, 4.5, 6.0, 10.0, 10.0, 5.5, 3.0, 2.0, 1.5, 1.0, 0.7]);

        /// <summary>Whether a vehicle enters the lane in this second, and which.</summary>
        public bool Draw(Random rng, double hour, out VehicleKind kind)
        {
            int h = Math.Clamp((int)hour, 0, 23);
            double heavy = heavyPerDay * HeavyShare[h] / 3600;
            double light = lightPerDay * LightShare[h] / 3600;
            double u = rng.NextDouble();
            kind = VehicleKind.PassingCar;
            if (u >= heavy + light)
            {
                return false;
            }

            double k = rng.NextDouble();
            kind = u < heavy
                ? (k < 0.5 ? VehicleKind.Bus : VehicleKind.Lorry)
                : (k < 0.86 ? VehicleKind.PassingCar : k < 0.97 ? VehicleKind.Van : VehicleKind.Motorbike);
            return true;
        }

        private static double[] Normalise(double[] values)
        {
            double sum = values.Sum();
            return values.Select(v => v / sum).ToArray();
        }
    }

    /// <summary>The near lane's traffic light beyond the row and the queue behind it (vehicles handed to it
    /// in the order they enter the stretch).</summary>
    private sealed class TrafficLight(double cycleS, double redS, double phaseS, double stopLineX)
    {
        // Start-up lost time and saturation headways: ~1 900 vehicles per hour of green per lane, a heavy
        // vehicle counting about 1.5; 2 m between stopped vehicles.
        private const double LostS = 2;
        private const double LightHeadwayS = 2;
        private const double HeavyHeadwayS = 3;
        private const double JamGapM = 2;

        private int _count;
        private double _backX;
        private double _backHalfLength;
        private double _lastStartS;

        public double StopLineX => stopLineX;

        /// <summary>Where (centre, m) and for how long (s) a vehicle entering at <paramref name="fromX"/> at
        /// <paramref name="enterS"/> stops: behind the queue while that has not moved off, or at the stop line
        /// on red; NaN when it drives through.</summary>
        public void Queue(double enterS, double fromX, double speed, double halfLength, bool heavy, out double stopX, out double stopS)
        {
            stopX = double.NaN;
            stopS = 0;
            if (_count > 0)
            {
                double back = Math.Max(fromX + 1, _backX - _backHalfLength - JamGapM - halfLength);
                double reachS = enterS + ((back - fromX) / speed);
                double startS = _lastStartS + (heavy ? HeavyHeadwayS : LightHeadwayS);
                if (reachS < startS)
                {
                    Join(back, halfLength, startS, reachS, out stopX, out stopS);
                    return;
                }

                _count = 0;
            }

            double line = stopLineX - halfLength;
            double atLineS = enterS + ((line - fromX) / speed);
            double inCycleS = (((atLineS + phaseS) % cycleS) + cycleS) % cycleS;
            if (inCycleS < redS)
            {
                Join(line, halfLength, atLineS + (redS - inCycleS) + LostS, atLineS, out stopX, out stopS);
            }
        }

        private void Join(double x, double halfLength, double startS, double reachS, out double stopX, out double stopS)
        {
            _count++;
            _backX = x;
            _backHalfLength = halfLength;
            _lastStartS = startS;
            stopX = x;
            stopS = startS - reachS;
        }
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
