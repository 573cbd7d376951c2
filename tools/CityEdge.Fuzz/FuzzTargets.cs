using CityEdge.Fuzz.Targets;

namespace CityEdge.Fuzz;

/// <summary>
/// Every parser of outside input under fuzzing, one line each: a new parser is registered by adding
/// <c>FuzzTarget.Of(name, oracle, inputs, check)</c> here; the long run and the CI run pick it up.
/// </summary>
public static class FuzzTargets
{
    public static readonly FuzzTarget[] All =
    [
        FuzzTarget.Of("telemetry", TelemetryFuzz.Oracle, TelemetryFuzz.Inputs, TelemetryFuzz.Check),
        FuzzTarget.Of("event", EventFuzz.Oracle, EventFuzz.Inputs, EventFuzz.Check),
        FuzzTarget.Of("command", CommandFuzz.Oracle, CommandFuzz.Inputs, CommandFuzz.Check),
        FuzzTarget.Of("ack", AckFuzz.Oracle, AckFuzz.Inputs, AckFuzz.Check),
        FuzzTarget.Of("config", NodeConfigFuzz.Oracle, NodeConfigFuzz.Inputs, NodeConfigFuzz.Check),
        FuzzTarget.Of("board", BoardFuzz.Oracle, BoardFuzz.Inputs, BoardFuzz.Check),
        FuzzTarget.Of("curve", CurveFuzz.Oracle, CurveFuzz.Inputs, CurveFuzz.Check),
        FuzzTarget.Of("pms5003", Pms5003Fuzz.Oracle, Pms5003Fuzz.Inputs, Pms5003Fuzz.Check),
        FuzzTarget.Of("flash-queue", FlashQueueFuzz.Oracle, FlashQueueFuzz.Inputs, FlashQueueFuzz.Check),
        FuzzTarget.Of("wav", WavFuzz.Oracle, WavFuzz.Inputs, WavFuzz.Check),
        FuzzTarget.Of("parking-csv", ParkingCsvFuzz.Oracle, ParkingCsvFuzz.Inputs, ParkingCsvFuzz.Check),
    ];

    /// <summary>The target named <paramref name="name"/>, or null.</summary>
    public static FuzzTarget? Find(string name) => Array.Find(All, t => t.Name == name);
}
