using CityEdge.Host.Simulation;
using CityEdge.Parking;
using CityEdge.Telemetry;

namespace CityEdge.Host.Parking;

/// <summary>A state change the detector decided: <see cref="T"/> is when it was decided (when the node
/// would send the event), <see cref="ChangedAtT"/> when the change really began (the debounced run's start).</summary>
public readonly record struct DetectedChange(double T, int Bay, ParkingBayState State, double ChangedAtT, BayChangeCause Cause);

/// <summary>A bay's sensor gave no valid reading after <see cref="FromT"/> (its last valid reading, or
/// its first row) until <see cref="ToT"/>.</summary>
public readonly record struct SensorSilence(int Bay, double FromT, double ToT);

/// <summary>
/// Runs the firmware's own <see cref="BayRow"/> (one <see cref="BayDetector"/> per bay, neighbours
/// told of each other's changes, as on the node) over recorded or generated magnetometer rows and
/// collects its state changes, as a node would send them.
/// </summary>
public sealed class BayReplay
{
    private readonly BayRow _row;
    private readonly Dictionary<int, double> _firstT = [];
    private readonly Dictionary<int, double> _lastT = [];
    private readonly List<DetectedChange> _changes = [];
    private readonly Dictionary<int, double> _lastValidT = [];
    private readonly List<SensorSilence> _silences = [];

    public BayReplay(BayDetectorSettings? settings = null)
    {
        _row = new BayRow(ParkingCsv.MaxBay + 1, settings ?? new BayDetectorSettings());
    }

    public IReadOnlyList<DetectedChange> Changes => _changes;

    /// <summary>Every stretch in which a bay's sensor gave no valid reading, the last one possibly
    /// still open at the bay's last row.</summary>
    public IEnumerable<SensorSilence> Silences => _silences.Concat(
        _lastT.Keys.Order().Where(IsSilent).Select(b => new SensorSilence(b, _lastValidT.GetValueOrDefault(b, _firstT[b]), _lastT[b])));

    /// <summary>Bays seen so far, with the first and last row time of each.</summary>
    public IEnumerable<(int Bay, double FirstT, double LastT)> Bays =>
        _firstT.Keys.Order().Select(b => (b, _firstT[b], _lastT[b]));

    /// <summary>Feeds one row; returns how many changes it caused (the last entries of <see cref="Changes"/>):
    /// its own bay's, and a neighbour's decision withdrawn as crosstalk.</summary>
    public int Add(MagnetometerRow row)
    {
        _firstT.TryAdd(row.Bay, row.T);
        if (row.Valid)
        {
            if (IsSilent(row.Bay))
            {
                _silences.Add(new SensorSilence(row.Bay, _lastValidT.GetValueOrDefault(row.Bay, _firstT[row.Bay]), row.T));
            }

            _lastValidT[row.Bay] = row.T;
        }

        _lastT[row.Bay] = row.T;

        long nowMs = (long)Math.Round(row.T * 1000.0);
        int changed = row.Valid
            ? _row.Update(row.Bay, nowMs, (float)row.XUt, (float)row.YUt, (float)row.ZUt)
            : _row.Fail(row.Bay, nowMs, Health.FaultReason.NotResponding);
        for (int i = 0; i < changed; i++)
        {
            int bay = _row.GetChangedBay(i);
            var detector = _row.GetDetector(bay);
            _changes.Add(new DetectedChange(row.T, bay, detector.State, detector.ChangedAtMs / 1000.0, detector.Cause));
        }

        return changed;
    }

    /// <summary>The bay's last row so far gave no valid reading.</summary>
    private bool IsSilent(int bay) =>
        _lastT.TryGetValue(bay, out double lastT) && lastT > _lastValidT.GetValueOrDefault(bay, double.NegativeInfinity);
}
