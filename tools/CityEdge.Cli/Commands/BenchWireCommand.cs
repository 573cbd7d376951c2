using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Host.Performance;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `cityedge bench wire`: the bytes one fully fitted node sends per day on the wire, by message kind
/// (<see cref="WireBench"/>): every MQTT packet between the virtual node and the embedded broker, counted.
/// </summary>
internal static class BenchWireCommand
{
    public static Command Create(CliConsole console)
    {
        var duration = CommonOptions.Duration("--duration", "Simulated time the node runs (figures are scaled to a day)", TimeSpan.FromDays(1));
        var seed = CommonOptions.Integer("--seed", "Seed of the simulated street.", 1, 0, int.MaxValue);
        var noAlias = new Option<bool>("--no-topic-alias") { Description = "Send as the device's M2Mqtt link does: it cannot set a topic alias." };
        var format = CommonOptions.Format();
        var command = new Command("wire", "MQTT bytes a fully fitted node sends per day, by message kind, counted on the wire against the embedded broker.")
        {
            duration, seed, noAlias, format,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(console, new WireBenchOptions { Duration = parse.GetValue(duration), Seed = parse.GetValue(seed), NoTopicAlias = parse.GetValue(noAlias) },
            parse.GetValue(format) == "json", cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliConsole console, WireBenchOptions options, bool json, CancellationToken cancellationToken)
    {
        if (options.Duration < TimeSpan.FromMinutes(1))
        {
            console.Error.WriteLine("error: --duration: at least 1m (one report period)");
            return ExitCodes.InvalidInput;
        }

        WireFigures f = await WireBench.RunAsync(options, cancellationToken).ConfigureAwait(false);
        var ci = CultureInfo.InvariantCulture;
        long Day(long value) => (long)Math.Round(value * f.PerDay);
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                kind = "wire",
                topic_aliases = !options.NoTopicAlias,
                simulated_s = f.Simulated.TotalSeconds,
                keep_alive_s = f.KeepAliveS,
                upstream_bytes_per_day = Day(f.UpstreamBytes),
                upstream_packets_per_day = Day(f.UpstreamPackets),
                upstream_framed_bytes_per_day = Day(f.UpstreamBytes + (f.UpstreamPackets * WireFigures.FramingBytesPerPacket)),
                downstream_bytes_per_day = Day(f.DownstreamBytes),
                downstream_packets_per_day = Day(f.DownstreamPackets),
                upstream = f.Upstream.Select(c => new { kind = c.Kind, packets_per_day = Day(c.Packets), bytes_per_day = Day(c.Bytes) }),
                downstream = f.Downstream.Select(c => new { kind = c.Kind, packets_per_day = Day(c.Packets), bytes_per_day = Day(c.Bytes) }),
                host_pings_excluded = f.HostPingsExcluded,
                seed = options.Seed,
            }));
            return ExitCodes.Ok;
        }

        var table = new Table { Title = new TableTitle(string.Create(ci, $"MQTT bytes one fully fitted node sends per day ({f.Simulated.TotalHours:0.##} h simulated, keep-alive {f.KeepAliveS} s, {(options.NoTopicAlias ? "no topic aliases, as the device" : "topic aliases")})")) }
            .AddColumn("Kind").AddColumn(new TableColumn("Packets/day").RightAligned()).AddColumn(new TableColumn("Bytes/day").RightAligned())
            .AddColumn(new TableColumn("B/packet").RightAligned()).AddColumn(new TableColumn("Share").RightAligned());
        foreach (var c in f.Upstream.Where(c => c.Packets > 0 || c.Kind is not ("other" or "disconnect")))
        {
            table.AddRow(c.Kind, Day(c.Packets).ToString("N0", ci), Day(c.Bytes).ToString("N0", ci),
                c.Packets == 0 ? "" : ((double)c.Bytes / c.Packets).ToString("0.#", ci), ((double)c.Bytes / f.UpstreamBytes).ToString("0.0 %", ci));
        }

        table.AddRow("upstream", Day(f.UpstreamPackets).ToString("N0", ci), Day(f.UpstreamBytes).ToString("N0", ci), "", "100 %");
        console.Ui.Write(table);
        console.Out.WriteLine(string.Create(ci, $"With TCP/IP and TLS framing (estimate: {WireFigures.FramingBytesPerPacket} B per packet): {Day(f.UpstreamBytes + (f.UpstreamPackets * WireFigures.FramingBytesPerPacket)):N0} B/day upstream."));
        string byType = string.Join(", ", f.Downstream.Select(c => string.Create(ci, $"{c.Kind} {Day(c.Bytes):N0}")));
        console.Out.WriteLine(string.Create(ci, $"Downstream (broker to node): {Day(f.DownstreamPackets):N0} packets, {Day(f.DownstreamBytes):N0} B/day ({byType})."));
        console.Out.WriteLine("Pings: the device client's keep-alive rule on the simulated clock" + (f.HostPingsExcluded > 0 ? string.Create(ci, $" ({f.HostPingsExcluded} real-time ping(s) of the host client left out)") : "") + ".");
        return ExitCodes.Ok;
    }
}
