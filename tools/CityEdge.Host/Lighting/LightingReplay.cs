using CityEdge.Lighting;

namespace CityEdge.Host.Lighting;

/// <summary>What one replayed night cost and whether it was safe.</summary>
public sealed record LightingReplayResult(
    DateTime LitStartUtc,
    DateTime LitEndUtc,
    double EnergyWh,
    double AlwaysOnWh,
    double PartNightWh,
    int UnderLitS,
    int PresenceEvents,
    int BoostLate)
{
    /// <summary>Null when there was nothing to save on (a night without darkness).</summary>
    public double? SavingVsAlwaysOnPct => AlwaysOnWh > 0 ? 100.0 * (1.0 - (EnergyWh / AlwaysOnWh)) : null;

    public double? SavingVsPartNightPct => PartNightWh > 0 ? 100.0 * (1.0 - (EnergyWh / PartNightWh)) : null;

    /// <summary>True when the lamp is not lit at all this night (midnight sun).</summary>
    public bool NoNight => LitEndUtc <= LitStartUtc;
}

/// <summary>
/// Runs the node's own <see cref="LampController"/> through one night with recorded presence
/// events, second by second, and compares its energy with the two usual baselines: always on at
/// full from sunset to sunrise, and part-night switching (full, but off from 00:00 to 05:00 local
/// time, a common council practice).
/// </summary>
public static class LightingReplay
{
    public const int PartNightOffStartMin = 0;
    public const int PartNightOffEndMin = 5 * 60;

    /// <summary>The lit window of the night starting on <paramref name="nightDate"/>: from switch-on
    /// to switch-off, UTC; empty (start = end) when the sun does not set.</summary>
    public static (DateTime Start, DateTime End) LitWindow(LightingSettings settings, LightingCalendar calendar, DateOnly nightDate)
    {
        var plan = Plan(settings, calendar, nightDate);
        return (DateTime.UnixEpoch.AddSeconds(plan.LitStartS), DateTime.UnixEpoch.AddSeconds(plan.LitEndS));
    }

    /// <param name="timeline">Receives (UTC second, level %, power W) for every second of the lit window.</param>
    public static LightingReplayResult Run(LightingSettings settings, LightingCalendar calendar, PowerModel power, DateOnly nightDate,
        IReadOnlyList<PresenceEvent> events, Action<DateTime, float, float>? timeline = null)
    {
        var plan = Plan(settings, calendar, nightDate);
        long startS = plan.LitStartS;
        long endS = plan.LitEndS;
        var controller = new LampController(settings, calendar);
        long Ms(long unixS) => (unixS - startS) * 1000;
        DateTime Utc(long ms) => DateTime.UnixEpoch.AddSeconds(startS).AddMilliseconds(ms);

        var nightEvents = events.Where(e => NightPlan.UnixSeconds(e.TimeUtc) >= startS && NightPlan.UnixSeconds(e.TimeUtc) < endS)
            .Select(e => (long)Math.Round((e.TimeUtc - Utc(0)).TotalMilliseconds)).ToList();
        int nextEvent = 0;
        var checks = new PriorityQueue<long, long>();
        int late = 0;
        double energyWs = 0, alwaysOnWs = 0, partNightWs = 0;
        int underLit = 0;
        float fullW = power.PowerW(100f);

        for (long s = startS; s < endS; s++)
        {
            long tickMs = Ms(s);
            // Detections and "has the boost been reached" checks between ticks run at their exact time.
            while (true)
            {
                long eventMs = nextEvent < nightEvents.Count ? nightEvents[nextEvent] : long.MaxValue;
                long checkMs = checks.Count > 0 ? checks.Peek() : long.MaxValue;
                long at = Math.Min(eventMs, checkMs);
                if (at > tickMs)
                {
                    break;
                }

                float level = controller.Update(at, true, Utc(at), false, 0f);
                if (eventMs <= checkMs)
                {
                    controller.OnPresence(at);
                    checks.Enqueue(at + settings.RampUpMs, at + settings.RampUpMs);
                    nextEvent++;
                }
                else
                {
                    checks.Dequeue();
                    if (level < settings.BoostPct && controller.ShouldBeLit && !controller.HasOverride)
                    {
                        late++;
                    }
                }
            }

            float tickLevel = controller.Update(tickMs, true, Utc(tickMs), false, 0f);
            float watts = power.PowerW(tickLevel);
            energyWs += watts;
            alwaysOnWs += fullW;
            partNightWs += IsPartNightOff(s, settings.UtcOffsetMin) ? power.StandbyW : fullW;
            if (controller.ShouldBeLit && tickLevel < settings.ClassMinimumPct)
            {
                underLit++;
            }

            timeline?.Invoke(DateTime.UnixEpoch.AddSeconds(s), tickLevel, watts);
        }

        return new LightingReplayResult(DateTime.UnixEpoch.AddSeconds(startS), DateTime.UnixEpoch.AddSeconds(endS),
            energyWs / 3600.0, alwaysOnWs / 3600.0, partNightWs / 3600.0, underLit, nightEvents.Count, late);
    }

    private static NightPlan Plan(LightingSettings settings, LightingCalendar calendar, DateOnly nightDate)
    {
        var plan = new NightPlan();
        plan.Build(nightDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), calendar.ProgramFor(nightDate.Year, nightDate.Month, nightDate.Day), settings);
        return plan;
    }

    private static bool IsPartNightOff(long unixS, int utcOffsetMin)
    {
        long localMin = (((unixS / 60) + utcOffsetMin) % 1440 + 1440) % 1440;
        return localMin >= PartNightOffStartMin && localMin < PartNightOffEndMin;
    }
}
