using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityEdge.Air;
using CityEdge.Host.Reports;
using Spectre.Console;

namespace CityEdge.Cli.Commands;

/// <summary>`cityedge aqi`: the index a node would report for given PM2.5 and PM10 averages.</summary>
internal static class AqiCommand
{
    public static Command Create(CliConsole console)
    {
        var pm25 = Concentration("--pm25", "PM2.5 average, µg/m³ (US: the NowCast or 24-h mean; China: the 1-h or 24-h mean).");
        var pm10 = Concentration("--pm10", "PM10 average, µg/m³.");
        var standard = new Option<string>("--standard")
        {
            Description = "us: US EPA AQI (2024 PM2.5 breakpoints); cn: China HJ 633-2012 IAQI.",
            DefaultValueFactory = _ => "us",
        }.AcceptOnlyFromAmong("us", "cn");
        var format = CommonOptions.Format();
        var command = new Command("aqi", "Compute the air quality index, its category, the dominant pollutant and each sub-index.")
        {
            pm25, pm10, standard, format,
        };
        command.SetAction(parse => Run(
            console,
            parse.GetValue(standard) == "cn" ? AqiStandard.ChinaHj633 : AqiStandard.UsEpa,
            parse.GetValue(pm25),
            parse.GetValue(pm10),
            parse.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliConsole console, AqiStandard standard, double pm25, double pm10, bool json)
    {
        var r = new AqiResult();
        AirQualityIndex.Compute(standard, (float)pm25, (float)pm10, r);
        string category = AirQualityIndex.CategoryName(standard, r.Category);
        if (json)
        {
            // The "aqi" object is the one reports carry (decode, monitor), so one parser reads both.
            console.Out.WriteLine(ReportJson.Line(json =>
            {
                json.WriteStartObject();
                json.WriteString("kind", "aqi");
                json.WriteNumber("pm2_5_ug_m3", Math.Round(pm25, 1));
                json.WriteNumber("pm10_ug_m3", Math.Round(pm10, 1));
                ReportJson.WriteAqi(json, standard, r.Aqi, r.Dominant);
                json.WriteNumber("pm2_5_sub_index", r.Pm2_5SubIndex);
                json.WriteNumber("pm10_sub_index", r.Pm10SubIndex);
                json.WriteEndObject();
            }));
            return ExitCodes.Ok;
        }

        var ci = CultureInfo.InvariantCulture;
        var table = new Table { Title = new TableTitle(standard == AqiStandard.UsEpa ? "US EPA AQI (2024)" : "China HJ 633-2012 AQI") }
            .AddColumn("Field").AddColumn("Value");
        table.AddRow("aqi", r.Aqi.ToString(ci));
        table.AddRow("category", $"{r.Category.ToString(ci)} {Markup.Escape(category)}");
        table.AddRow("dominant", ReportJson.PollutantName(r.Dominant));
        table.AddRow("PM2.5 sub-index", r.Pm2_5SubIndex.ToString(ci));
        table.AddRow("PM10 sub-index", r.Pm10SubIndex.ToString(ci));
        console.Ui.Write(table);
        return ExitCodes.Ok;
    }

    private static Option<double> Concentration(string name, string description) =>
        CommonOptions.Number(name, description, 0, 10000, helpName: "µg/m³");
}
