using CityEdge.Health;
using CityEdge.Parking;

namespace CityEdge.Core.Tests.Parking;

/// <summary>A bay sensor whose field the test sets (with a ±0.1 µT wobble so it never looks frozen); it can break.</summary>
internal sealed class ScriptedMagnetometer : IMagnetometer
{
    private int _n;

    public float XUt { get; set; } = 12f;

    public float YUt { get; set; } = 18f;

    public float ZUt { get; set; } = -44f;

    public bool Broken { get; set; }

    public FaultReason LastFault { get; private set; }

    public float FullScaleUt => 800f;

    public bool TryRead(MagneticSample sample)
    {
        if (Broken)
        {
            LastFault = FaultReason.NotResponding;
            return false;
        }

        float wobble = (++_n % 2 == 0 ? 0.1f : -0.1f);
        sample.XUt = XUt + wobble;
        sample.YUt = YUt - wobble;
        sample.ZUt = ZUt;
        LastFault = FaultReason.None;
        return true;
    }
}
