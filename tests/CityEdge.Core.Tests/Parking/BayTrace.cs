using CityEdge.Parking;
using CityEdge.Telemetry;

namespace CityEdge.Core.Tests.Parking;

/// <summary>
/// Feeds a hand-made field trace into a detector at 1 Hz. Each reading carries a small deterministic
/// wobble (±0.2 µT, like real sensor noise) so that it never looks frozen.
/// </summary>
internal sealed class BayTrace
{
    private readonly BayDetector _detector;
    private int _n;

    public BayTrace(BayDetector detector, float xUt = 20f, float yUt = 0f, float zUt = -44f)
    {
        _detector = detector;
        X = xUt;
        Y = yUt;
        Z = zUt;
    }

    public long NowMs { get; private set; }

    public float X { get; set; }

    public float Y { get; set; }

    public float Z { get; set; }

    /// <summary>Wobble amplitude, µT.</summary>
    public float Wobble { get; set; } = 0.2f;

    /// <summary>How far the neighbours' fields stand from their settled fields (what the row would tell the
    /// detector), µT; <see cref="NeighbourSettled"/>: whether what disturbs them stands still.</summary>
    public float NeighbourExcursion { get; set; }

    public bool NeighbourSettled { get; set; } = true;

    /// <summary>How far the neighbours' fields stand from the levels their states expect, µT.</summary>
    public float NeighbourDisplacement { get; set; }

    public List<(long AtMs, ParkingBayState State)> Changes { get; } = [];

    /// <summary>Feeds <paramref name="seconds"/> readings of the current field; returns the detector's state after them.</summary>
    public ParkingBayState Run(int seconds)
    {
        for (int i = 0; i < seconds; i++)
        {
            NowMs += 1000;
            _n++;
            float w = (_n % 2 == 0 ? 1 : -1) * Wobble * (1 + (_n % 3 * 0.25f));
            _detector.NeighbourExcursionUt = NeighbourExcursion;
            _detector.NeighbourStandingUt = NeighbourSettled ? NeighbourExcursion : 0f;
            _detector.NeighbourDisplacementUt = NeighbourDisplacement;
            if (_detector.Update(NowMs, X + w, Y - w, Z + (0.5f * w)))
            {
                Changes.Add((NowMs, _detector.State));
            }
        }

        return _detector.State;
    }

    /// <summary>Moves the field linearly by (dx, dy, dz) over <paramref name="seconds"/>.</summary>
    public ParkingBayState Drift(float dxUt, float dyUt, float dzUt, int seconds)
    {
        for (int i = 0; i < seconds; i++)
        {
            X += dxUt / seconds;
            Y += dyUt / seconds;
            Z += dzUt / seconds;
            Run(1);
        }

        return _detector.State;
    }

    public ParkingBayState Fail(int seconds)
    {
        for (int i = 0; i < seconds; i++)
        {
            NowMs += 1000;
            if (_detector.Fail(NowMs, Health.FaultReason.NotResponding))
            {
                Changes.Add((NowMs, _detector.State));
            }
        }

        return _detector.State;
    }
}
