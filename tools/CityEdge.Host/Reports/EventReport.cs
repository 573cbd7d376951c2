using System.Globalization;
using CityEdge.Lighting;
using CityEdge.Parking;
using CityEdge.Telemetry;

namespace CityEdge.Host.Reports;

/// <summary>One payload field of a decoded event: its JSON name and value (number, text, bool or null).</summary>
public sealed record EventField(string Name, object? Value);

/// <summary>
/// An event frame v1 as the command centre reads it: the envelope (<see cref="EventFrame"/>) and the
/// payload of each known type decoded by its capability's specification (docs/parking.md types 1–2,
/// docs/lighting.md types 16–18). A type this decoder does not know keeps its payload as hex.
/// </summary>
public sealed class EventReport
{
    private EventReport(int type, int sequence, uint timestampUnixSeconds, byte[] payload, string name, IReadOnlyList<EventField> fields, string text)
    {
        Type = type;
        Sequence = sequence;
        TimestampUnixSeconds = timestampUnixSeconds;
        Payload = payload;
        Name = name;
        Fields = fields;
        Text = text;
    }

    public int Type { get; }

    /// <summary>The node's event counter (separate from report sequence numbers).</summary>
    public int Sequence { get; }

    /// <summary>0 when the node's clock was not set.</summary>
    public uint TimestampUnixSeconds { get; }

    public byte[] Payload { get; }

    /// <summary>"bay_state_changed", "lamp_fault", …, or "type_N" for a type not known here.</summary>
    public string Name { get; }

    public IReadOnlyList<EventField> Fields { get; }

    /// <summary>One line for people: "bay 3 occupied (detection, 2 s earlier, 23.4 µT)".</summary>
    public string Text { get; }

    public string Timestamp => TimestampUnixSeconds == 0
        ? "clock not set"
        : DateTime.UnixEpoch.AddSeconds(TimestampUnixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Decodes a whole event frame strictly; throws <see cref="FrameFormatException"/> naming
    /// the byte offset (from the start of the frame) and field of the first problem.</summary>
    public static EventReport Decode(byte[] frame)
    {
        int type = EventFrame.Decode(frame, 0, frame.Length, out int sequence, out uint timestamp, out int length);
        byte[] payload = frame.AsSpan(EventFrame.HeaderLength, length).ToArray();
        try
        {
            var (name, fields, text) = DecodePayload(type, payload);
            return new EventReport(type, sequence, timestamp, payload, name, fields, text);
        }
        catch (FrameFormatException ex)
        {
            // Payload decoders count from the payload; people count from the frame.
            throw new FrameFormatException(EventFrame.HeaderLength + ex.Offset, ex.Field, ex.Problem);
        }
    }

    private static (string Name, EventField[] Fields, string Text) DecodePayload(int type, byte[] p)
    {
        var ci = CultureInfo.InvariantCulture;
        switch (type)
        {
            case ParkingEvents.TypeBayStateChanged:
            {
                int bay = ParkingEvents.DecodeBayStateChanged(p, 0, p.Length, out ParkingBayState state, out BayChangeCause cause, out int ageS, out int deviationDut);
                double? deviation = deviationDut == ParkingEvents.NoDeviation ? null : deviationDut / 10.0;
                string stateName = ReportJson.BayStateName(state);
                string causeName = CauseName(cause);
                return ("bay_state_changed",
                    [new("bay", bay), new("state", stateName), new("cause", causeName), new("age_s", ageS), new("deviation_ut", deviation)],
                    string.Create(ci, $"bay {bay} {stateName} ({causeName}, {ageS} s earlier, ") + (deviation is double d ? d.ToString("0.0", ci) + " µT)" : "no reading)"));
            }

            case ParkingEvents.TypeLongStay:
            {
                Length(p, ParkingEvents.LongStayLength, "long_stay.length");
                int bay = Bay(p[0], "long_stay.bay");
                int hours = U16(p, 1);
                double span = U16(p, 3) / 10.0;
                return ("long_stay", [new("bay", bay), new("stay_h", hours), new("span_ut", span)],
                    string.Create(ci, $"bay {bay} occupied for {hours} h, field alive (span {span:0.0} µT)"));
            }

            case LightingEvents.LampFaultType:
            {
                Length(p, LightingEvents.LampFaultLength, "lamp_fault.length");
                string fault = p[0] switch
                {
                    (byte)LampFault.LampFailure => "lamp_failure",
                    (byte)LampFault.DayBurning => "day_burning",
                    (byte)LampFault.DriverFault => "driver_fault",
                    _ => throw new FrameFormatException(0, "lamp_fault.fault", "fault " + p[0] + " is not 1..3"),
                };
                bool raised = p[1] switch
                {
                    1 => true,
                    0 => false,
                    _ => throw new FrameFormatException(1, "lamp_fault.raised", "raised " + p[1] + " is not 0 or 1"),
                };
                double level = Level(p[2], 2, "lamp_fault.level");
                double expected = U16(p, 3) / 10.0;
                int measuredRaw = U16(p, 5);
                double? measured = measuredRaw == LightingEvents.NotMeasured ? null : measuredRaw / 10.0;
                return ("lamp_fault",
                    [new("fault", fault), new("raised", raised), new("level_pct", level), new("expected_w", expected), new("measured_w", measured)],
                    string.Create(ci, $"lamp fault {fault} {(raised ? "raised" : "cleared")} at {level:0.#} %, expected {expected:0.0} W, ")
                        + (measured is double m ? m.ToString("0.0", ci) + " W measured" : "not metered"));
            }

            case LightingEvents.ModeChangedType:
            {
                Length(p, LightingEvents.ModeChangedLength, "lighting_mode.length");
                string mode = ModeName(p[0], 0, "lighting_mode.mode");
                string previous = ModeName(p[1], 1, "lighting_mode.previous");
                double level = Level(p[2], 2, "lighting_mode.level");
                return ("lighting_mode", [new("mode", mode), new("previous", previous), new("level_pct", level)],
                    string.Create(ci, $"lighting mode {mode} (was {previous}) at {level:0.#} %"));
            }

            case LightingEvents.OverrideType:
            {
                Length(p, LightingEvents.OverrideLength, "override.length");
                string kind = p[0] switch
                {
                    0 => "ended",
                    (byte)OverrideKind.On => "on",
                    (byte)OverrideKind.Off => "off",
                    (byte)OverrideKind.Level => "level",
                    _ => throw new FrameFormatException(0, "override.kind", "kind " + p[0] + " is not 0..3"),
                };
                double level = Level(p[1], 1, "override.level");
                long duration = ((long)p[2] << 24) | ((long)p[3] << 16) | ((long)p[4] << 8) | p[5];
                return ("override", [new("kind", kind), new("level_pct", level), new("duration_s", duration)],
                    kind == "ended" ? "override ended" : string.Create(ci, $"override {kind} at {level:0.#} % for {duration} s"));
            }

            default:
                string hex = Convert.ToHexStringLower(p);
                return ("type_" + type.ToString(ci), [new("hex", hex)], $"event type {type.ToString(ci)}, payload {(hex.Length == 0 ? "empty" : hex)}");
        }
    }

    public static string CauseName(BayChangeCause cause) => cause switch
    {
        BayChangeCause.Detection => "detection",
        BayChangeCause.SensorFault => "sensor_fault",
        BayChangeCause.Recalibration => "recalibration",
        _ => "watchdog",
    };

    private static string ModeName(byte value, int offset, string field) => value switch
    {
        (byte)LightingMode.Schedule => "schedule",
        (byte)LightingMode.DarkDay => "dark_day",
        (byte)LightingMode.Photocell => "photocell",
        (byte)LightingMode.NoProgram => "no_program",
        (byte)LightingMode.NoInputs => "no_inputs",
        (byte)LightingMode.Override => "override",
        (byte)LightingMode.Fault => "fault",
        _ => throw new FrameFormatException(offset, field, "mode " + value + " is not 0..6"),
    };

    private static void Length(byte[] payload, int expected, string field)
    {
        if (payload.Length != expected)
        {
            throw new FrameFormatException(Math.Min(payload.Length, expected), field, "payload is " + payload.Length + " bytes; this event has " + expected);
        }
    }

    private static int Bay(byte value, string field) => value < TelemetryReport.MaxParkingBays
        ? value
        : throw new FrameFormatException(0, field, "bay " + value + " outside 0.." + (TelemetryReport.MaxParkingBays - 1));

    /// <summary>A lamp level in 0.5 % steps, 0..200 as in frame v1's lamp group.</summary>
    private static double Level(byte value, int offset, string field) => value <= TelemetryFrame.LampLevelMax
        ? value / 2.0
        : throw new FrameFormatException(offset, field, "level " + value + " outside 0.." + TelemetryFrame.LampLevelMax);

    private static int U16(byte[] p, int at) => (p[at] << 8) | p[at + 1];
}
