namespace CityEdge.Host.Lighting;

/// <summary>
/// A synthetic but realistic night of traffic past one lamp on a residential street: pedestrians,
/// cyclists and cars arrive as Poisson processes whose hourly rates follow the usual daily shape
/// (evening commute peak, fast fall after 22:00, a lull of a few passers an hour from 01:00 to
/// 04:00, a morning rise). The rates are this project's assumption for a quiet street of terraced
/// houses (docs/lighting.md gives the table); the same seed always gives the same night.
/// </summary>
public static class ResidentialTraffic
{
    /// <summary>Passers per hour by local hour 0..23: pedestrians, cyclists, cars.</summary>
    public static readonly double[,] RatesPerHour =
    {
        { 3, 1, 2 },     // 00
        { 1.5, 0.5, 1 },  // 01
        { 1, 0.3, 0.5 }, // 02
        { 0.5, 0.2, 0.5 }, // 03
        { 1, 0.3, 1 },   // 04
        { 3, 1, 3 },     // 05
        { 12, 5, 10 },   // 06
        { 35, 15, 18 },  // 07
        { 40, 15, 18 },  // 08
        { 25, 8, 12 },   // 09
        { 20, 6, 10 },   // 10
        { 20, 6, 10 },   // 11
        { 22, 6, 10 },   // 12
        { 22, 6, 10 },   // 13
        { 22, 6, 10 },   // 14
        { 30, 10, 14 },  // 15
        { 40, 15, 18 },  // 16
        { 45, 18, 22 },  // 17
        { 35, 12, 18 },  // 18
        { 25, 8, 12 },   // 19
        { 18, 5, 8 },    // 20
        { 12, 3, 6 },    // 21
        { 8, 2, 4 },     // 22
        { 5, 1, 3 },     // 23
    };

    public static readonly string[] Sources = { "pedestrian", "cyclist", "car" };

    /// <summary>Events from local noon of <paramref name="nightDate"/> to local noon of the next day, in time order.</summary>
    public static List<PresenceEvent> Generate(DateOnly nightDate, int utcOffsetMin, int seed)
    {
        var random = new Random(seed);
        var events = new List<PresenceEvent>();
        DateTime startUtc = nightDate.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc).AddMinutes(-utcOffsetMin);
        for (int source = 0; source < Sources.Length; source++)
        {
            for (int hour = 0; hour < 24; hour++)
            {
                int localHour = (12 + hour) % 24;
                double rate = RatesPerHour[localHour, source];
                double t = 0;
                while (true)
                {
                    // Exponential gaps: a Poisson process at 'rate' per hour, in seconds.
                    t += -Math.Log(1.0 - random.NextDouble()) * 3600.0 / rate;
                    if (t >= 3600)
                    {
                        break;
                    }

                    DateTime at = startUtc.AddHours(hour).AddMilliseconds(Math.Round(t * 1000.0));
                    events.Add(new PresenceEvent(at, Sources[source]));
                }
            }
        }

        events.Sort((a, b) => a.TimeUtc.CompareTo(b.TimeUtc));
        return events;
    }
}
