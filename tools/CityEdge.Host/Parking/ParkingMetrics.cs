using CityEdge.Host.Simulation;
using CityEdge.Telemetry;

namespace CityEdge.Host.Parking;

/// <summary>What the evaluation measured; <see cref="ParkingMetrics.Compute"/> fills it.</summary>
public sealed record ParkingFigures
{
    public int Bays { get; init; }

    public double BayDays { get; init; }

    /// <summary>Bay-seconds scored (those within <see cref="ParkingMetrics.SettleS"/> after a true change are not).</summary>
    public long ScoredSeconds { get; init; }

    public long CorrectSeconds { get; init; }

    /// <summary>Scored seconds in which the detector said unknown (counted as wrong in <see cref="Accuracy"/>).</summary>
    public long UnknownSeconds { get; init; }

    /// <summary>Scored seconds in which the bay's sensor had been silent for more than
    /// <see cref="ParkingMetrics.SilentS"/> (no valid reading): no detector can know the bay then, and
    /// the right answer is unknown. Part of <see cref="ScoredSeconds"/>, left out of <see cref="Accuracy"/>.</summary>
    public long SilentSeconds { get; init; }

    /// <summary>Silent seconds in which the detector said unknown, as it should.</summary>
    public long SilentUnknownSeconds { get; init; }

    /// <summary>Silent seconds in which the detector still claimed the true state.</summary>
    public long SilentCorrectSeconds { get; init; }

    /// <summary>Correct / scored seconds in which the sensor was giving readings; unknown counted wrong.</summary>
    public double Accuracy => ScoredSeconds == SilentSeconds ? 0 : (double)(CorrectSeconds - SilentCorrectSeconds) / (ScoredSeconds - SilentSeconds);

    /// <summary>Correct / all scored seconds, silent sensors included: unknown is wrong even where no reading existed.</summary>
    public double StrictAccuracy => ScoredSeconds == 0 ? 0 : (double)CorrectSeconds / ScoredSeconds;

    /// <summary>Correct / (scored − unknown): how often a claim the detector makes is right.</summary>
    public double ClaimAccuracy => ScoredSeconds == UnknownSeconds ? 0 : (double)CorrectSeconds / (ScoredSeconds - UnknownSeconds);

    public int TrueChanges { get; init; }

    public int DetectedInTime { get; init; }

    /// <summary>True changes the detector never followed before the next true change.</summary>
    public int Missed { get; init; }

    /// <summary>Detection latency of each followed arrival, s.</summary>
    public IReadOnlyList<double> ArrivalLatenciesS { get; init; } = [];

    /// <summary>Detection latency of each followed departure, s.</summary>
    public IReadOnlyList<double> DepartureLatenciesS { get; init; } = [];

    public double LatencyMedianS => ParkingMetrics.Percentile([.. ArrivalLatenciesS, .. DepartureLatenciesS], 0.5);

    public double LatencyP95S => ParkingMetrics.Percentile([.. ArrivalLatenciesS, .. DepartureLatenciesS], 0.95);

    public double LatencyMaxS => ArrivalLatenciesS.Concat(DepartureLatenciesS).DefaultIfEmpty(0).Max();

    public double ArrivalLatencyMedianS => ParkingMetrics.Percentile(ArrivalLatenciesS, 0.5);

    public double DepartureLatencyMedianS => ParkingMetrics.Percentile(DepartureLatenciesS, 0.5);

    /// <summary>Changes to free/occupied that answer no true change (recoveries from unknown into the true state excluded).</summary>
    public int FalseEvents { get; init; }

    public double FalseEventsPerBayDay => BayDays == 0 ? 0 : FalseEvents / BayDays;

    /// <summary>Changes to unknown (sensor trouble, watchdog).</summary>
    public int UnknownEvents { get; init; }

    /// <summary>Wrong (non-unknown) scored seconds by what was really in the bay ("free" when empty).</summary>
    public IReadOnlyDictionary<string, long> WrongSecondsByTruth { get; init; } = new Dictionary<string, long>();

    /// <summary>Missed true changes by vehicle kind.</summary>
    public IReadOnlyDictionary<string, int> MissedByKind { get; init; } = new Dictionary<string, int>();
}

/// <summary>
/// Scores detected bay changes against the truth: per-second state accuracy (ignoring
/// <see cref="SettleS"/> after each true change and the seconds in which the sensor had been silent for
/// more than <see cref="SilentS"/>, which are counted apart), detection latency (decision time − true change time;
/// 0 when the detector had already changed within <see cref="EarlyS"/> before, e.g. during the
/// parking manoeuvre) and false events per bay-day.
/// </summary>
public static class ParkingMetrics
{
    public const double SettleS = 5;

    public const double EarlyS = 30;

    /// <summary>After this long without a valid reading a bay's state cannot be known: the detector
    /// holds its state through shorter gaps and must say unknown after (BayDetectorSettings.FailHoldMs).</summary>
    public const double SilentS = 30;

    public static ParkingFigures Compute(IReadOnlyList<TruthChange> truth, IReadOnlyList<DetectedChange> detected, IEnumerable<(int Bay, double FirstT, double LastT)> bays, IEnumerable<SensorSilence>? silences = null)
    {
        var silencesByBay = (silences ?? []).Where(x => x.ToT - x.FromT > SilentS).GroupBy(x => x.Bay).ToDictionary(g => g.Key, g => g.OrderBy(x => x.FromT).ToList());
        long scored = 0, correct = 0, unknown = 0, silent = 0, silentUnknown = 0, silentCorrect = 0;
        int trueChanges = 0, inTime = 0, missed = 0, falseEvents = 0, unknownEvents = 0;
        var arrivals = new List<double>();
        var departures = new List<double>();
        var wrongByTruth = new SortedDictionary<string, long>();
        var missedByKind = new SortedDictionary<string, int>();
        double bayDays = 0;
        int bayCount = 0;

        foreach (var (bay, firstT, lastT) in bays)
        {
            bayCount++;
            bayDays += (lastT - firstT) / 86400.0;
            var t = truth.Where(c => c.Bay == bay).OrderBy(c => c.T).ToList();
            var d = detected.Where(c => c.Bay == bay).OrderBy(c => c.T).ToList();
            if (t.Count == 0)
            {
                // A bay the truth never mentions was free all along.
                t.Add(new TruthChange(double.NegativeInfinity, bay, false, null));
            }

            // Per-second accuracy: walk both step functions (and the bay's silences).
            var quiet = silencesByBay.GetValueOrDefault(bay) ?? [];
            int ti = 0, di = 0, qi = 0;
            ParkingBayState state = ParkingBayState.Unknown;
            for (long s = (long)Math.Ceiling(firstT); s <= (long)Math.Floor(lastT); s++)
            {
                while (ti + 1 < t.Count && t[ti + 1].T <= s)
                {
                    ti++;
                }

                while (di < d.Count && d[di].T <= s)
                {
                    state = d[di++].State;
                }

                if (t[ti].T > s || s - t[ti].T < SettleS)
                {
                    continue;
                }

                while (qi < quiet.Count && quiet[qi].ToT <= s)
                {
                    qi++;
                }

                scored++;
                bool sensorSilent = qi < quiet.Count && s - quiet[qi].FromT > SilentS;
                var want = t[ti].Occupied ? ParkingBayState.Occupied : ParkingBayState.Free;
                if (sensorSilent)
                {
                    silent++;
                }

                if (state == want)
                {
                    correct++;
                    silentCorrect += sensorSilent ? 1 : 0;
                }
                else if (state == ParkingBayState.Unknown)
                {
                    unknown++;
                    silentUnknown += sensorSilent ? 1 : 0;
                }
                else
                {
                    string label = t[ti].Occupied ? Label(t[ti].Kind) : "free";
                    wrongByTruth[label] = wrongByTruth.GetValueOrDefault(label) + 1;
                }
            }

            // Latency and matching: each true change claims the first detection into its state.
            var matched = new bool[d.Count];
            for (int i = 1; i < t.Count; i++)
            {
                if (t[i].T > lastT)
                {
                    break;
                }

                trueChanges++;
                var want = t[i].Occupied ? ParkingBayState.Occupied : ParkingBayState.Free;
                double until = i + 1 < t.Count ? t[i + 1].T : double.MaxValue;
                int before = d.FindLastIndex(c => c.T <= t[i].T);
                int hit = -1;
                double latency = 0;
                if (before >= 0 && d[before].State == want && !matched[before] && d[before].T >= t[i].T - EarlyS)
                {
                    hit = before;
                }
                else
                {
                    for (int j = before + 1; j < d.Count && d[j].T < until; j++)
                    {
                        if (d[j].State == want && !matched[j])
                        {
                            hit = j;
                            break;
                        }
                    }

                    latency = hit >= 0 ? d[hit].T - t[i].T : 0;
                }

                if (hit < 0)
                {
                    missed++;
                    string kind = Label(t[i].Kind);
                    missedByKind[kind] = missedByKind.GetValueOrDefault(kind) + 1;
                    continue;
                }

                matched[hit] = true;
                inTime++;
                (t[i].Occupied ? arrivals : departures).Add(latency);
            }

            ParkingBayState previous = ParkingBayState.Unknown;
            for (int j = 0; j < d.Count; j++)
            {
                var c = d[j];
                if (c.State == ParkingBayState.Unknown)
                {
                    unknownEvents++;
                }
                else if (!matched[j])
                {
                    int at = t.FindLastIndex(x => x.T <= c.T);
                    bool truthOccupied = at >= 0 && t[at].Occupied;
                    bool agrees = (c.State == ParkingBayState.Occupied) == truthOccupied;
                    // Coming back from unknown into the true state restores information; anything else is false.
                    if (!(previous == ParkingBayState.Unknown && agrees))
                    {
                        falseEvents++;
                    }
                }

                previous = c.State;
            }
        }

        return new ParkingFigures
        {
            Bays = bayCount,
            BayDays = bayDays,
            ScoredSeconds = scored,
            CorrectSeconds = correct,
            UnknownSeconds = unknown,
            SilentSeconds = silent,
            SilentUnknownSeconds = silentUnknown,
            SilentCorrectSeconds = silentCorrect,
            TrueChanges = trueChanges,
            DetectedInTime = inTime,
            Missed = missed,
            ArrivalLatenciesS = arrivals,
            DepartureLatenciesS = departures,
            FalseEvents = falseEvents,
            UnknownEvents = unknownEvents,
            WrongSecondsByTruth = wrongByTruth,
            MissedByKind = missedByKind,
        };
    }

    /// <summary>The figures of several evaluation runs (seeds) taken as one set: seconds, changes and
    /// events add up, accuracy is correct over scored seconds of all runs, latency percentiles are those
    /// of all runs' latencies together.</summary>
    public static ParkingFigures Pool(IReadOnlyList<ParkingFigures> runs) => new()
    {
        Bays = runs.Sum(f => f.Bays),
        BayDays = runs.Sum(f => f.BayDays),
        ScoredSeconds = runs.Sum(f => f.ScoredSeconds),
        CorrectSeconds = runs.Sum(f => f.CorrectSeconds),
        UnknownSeconds = runs.Sum(f => f.UnknownSeconds),
        SilentSeconds = runs.Sum(f => f.SilentSeconds),
        SilentUnknownSeconds = runs.Sum(f => f.SilentUnknownSeconds),
        SilentCorrectSeconds = runs.Sum(f => f.SilentCorrectSeconds),
        TrueChanges = runs.Sum(f => f.TrueChanges),
        DetectedInTime = runs.Sum(f => f.DetectedInTime),
        Missed = runs.Sum(f => f.Missed),
        ArrivalLatenciesS = runs.SelectMany(f => f.ArrivalLatenciesS).ToList(),
        DepartureLatenciesS = runs.SelectMany(f => f.DepartureLatenciesS).ToList(),
        FalseEvents = runs.Sum(f => f.FalseEvents),
        UnknownEvents = runs.Sum(f => f.UnknownEvents),
        WrongSecondsByTruth = new SortedDictionary<string, long>(runs.SelectMany(f => f.WrongSecondsByTruth).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value))),
        MissedByKind = new SortedDictionary<string, int>(runs.SelectMany(f => f.MissedByKind).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value))),
    };

    /// <summary>Nearest-rank percentile (the smallest value with at least p of the values at or below it).</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Label(VehicleKind? kind) => kind switch
    {
        VehicleKind.SmallCar => "small_car",
        VehicleKind.LargeCar => "large_car",
        VehicleKind.Van => "van",
        VehicleKind.Motorbike => "motorbike",
        VehicleKind.StraddlingCar => "straddling_car",
        VehicleKind.PassingCar => "passing_car",
        VehicleKind.Bus => "bus",
        VehicleKind.Lorry => "lorry",
        _ => "occupied",
    };
}
