using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Host.Parking;
using CityEdge.Host.Reports;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>
/// `cityedge replay parking FILE.csv [--truth TRUTH.csv]`: runs the firmware's bay detector over
/// recorded magnetometer readings and prints every state change; with the truth, also accuracy,
/// detection latency and false events per bay-day (the same scoring as `bench parking`).
/// </summary>
internal static class ReplayParkingCommand
{
    public static Command Create(CliConsole console)
    {
        var file = CommonOptions.InputFileArgument("file", "Readings: header t,bay,x_ut,y_ut,z_ut; t in s, field in µT; empty x,y,z = failed read.");
        var truth = CommonOptions.InputFile("--truth", "True states: header t,bay,occupied (0/1), one row per change.");
        var format = CommonOptions.Format();
        var command = new Command("parking", "Replay magnetometer readings through the bay detector and print each state change.")
        {
            file, truth, format,
        };
        command.SetAction(parse => Run(console, parse.GetValue(file)!, parse.GetValue(truth), parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, FileInfo file, FileInfo? truthFile, bool json)
    {
        var replay = new BayReplay();
        var changes = new List<DetectedChange>();
        List<Host.Simulation.TruthChange>? truth = null;
        try
        {
            if (truthFile != null)
            {
                using var truthReader = new StreamReader(truthFile.FullName);
                truth = ParkingCsv.ReadTruth(truthReader, truthFile.Name);
                if (truth.Count == 0)
                {
                    console.Error.WriteLine($"note: {truthFile.Name} has no rows after its header: every bay counts as free throughout");
                }
            }

            using var reader = new StreamReader(file.FullName);
            foreach (var row in ParkingCsv.ReadReadings(reader, file.Name))
            {
                int added = replay.Add(row);
                for (int i = replay.Changes.Count - added; i < replay.Changes.Count; i++)
                {
                    changes.Add(replay.Changes[i]);
                    if (json)
                    {
                        console.Out.WriteLine(Json(replay.Changes[i]));
                    }
                }
            }
        }
        catch (ParkingCsvException ex)
        {
            console.Error.WriteLine("error: " + ex.Message);
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot read {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        if (!json)
        {
            var table = new Table { Title = new TableTitle($"{changes.Count} bay state change(s) in {Markup.Escape(file.Name)}") }
                .AddColumn(new TableColumn("t (s)").RightAligned()).AddColumn(new TableColumn("Bay").RightAligned()).AddColumn("State")
                .AddColumn(new TableColumn("Changed at (s)").RightAligned()).AddColumn("Cause");
            foreach (var c in changes)
            {
                table.AddRow(Seconds(c.T), c.Bay.ToString(CultureInfo.InvariantCulture), ReportJson.BayStateName(c.State), Seconds(c.ChangedAtT), EventReport.CauseName(c.Cause));
            }

            console.Ui.Write(table);
        }

        if (truth != null)
        {
            var figures = ParkingMetrics.Compute(truth, changes, replay.Bays, replay.Silences);
            if (json)
            {
                console.Out.WriteLine(ParkingFiguresView.Json(figures, "summary"));
            }
            else
            {
                console.Ui.Write(ParkingFiguresView.Table(figures, "Against " + Markup.Escape(truthFile!.Name)));
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>One change: t = when the detector decided (when a node sends the event), changed_at = when the change began.</summary>
    public static string Json(DetectedChange c) => ReportJson.Line(json =>
    {
        json.WriteStartObject();
        json.WriteString("kind", "change");
        json.WriteNumber("t", Math.Round(c.T, 3));
        json.WriteNumber("bay", c.Bay);
        json.WriteString("state", ReportJson.BayStateName(c.State));
        json.WriteNumber("changed_at", Math.Round(c.ChangedAtT, 3));
        json.WriteString("cause", EventReport.CauseName(c.Cause));
        json.WriteEndObject();
    });


    private static string Seconds(double t) => t.ToString("0.###", CultureInfo.InvariantCulture);
}
