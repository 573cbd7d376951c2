namespace CityEdge.Core.Tests.PowerCut;

/// <summary>Runs a flash transition once per cut point — after 0, 1, 2, … write units — until it
/// completes uncut, and hands each cut's surviving flash to a check (the next boot).</summary>
internal static class PowerCutSweep
{
    /// <returns>The number of cut points: every write unit of the transition.</returns>
    public static int Run(FlashImage before, Action<FlashImage> transition, Action<FlashImage, long> afterCut)
    {
        for (long cut = 0; ; cut++)
        {
            var image = before.Copy(cut);
            try
            {
                transition(image);
            }
            catch (Exception) when (image.IsCut)
            {
                // The power went: whatever the code was doing ends here.
            }

            if (!image.IsCut)
            {
                return (int)cut;
            }

            afterCut(image.Survivor(), cut);
        }
    }
}
