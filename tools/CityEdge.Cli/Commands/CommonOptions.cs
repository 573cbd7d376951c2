using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CityEdge.Host.Mqtt;

namespace CityEdge.Cli.Commands;

/// <summary>Options several commands share, with one parser each so they behave the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<BrokerAddress?> Broker(string description, string name = "--broker") => new(name)
    {
        Description = description,
        HelpName = "host:port",
        CustomParser = result =>
        {
            try
            {
                return BrokerAddress.Parse(result.Tokens[0].Value);
            }
            catch (FormatException ex)
            {
                result.AddError(name + ": " + ex.Message);
                return null;
            }
        },
    };

    public static Option<string> TopicRoot(string defaultRoot) => new("--topic-root")
    {
        Description = "MQTT topic prefix the nodes publish under.",
        DefaultValueFactory = _ => defaultRoot,
    };

    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "Output: a readable table, or one JSON object per line.",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json");

    /// <summary>A whole-number option within [min, max]; a bad token is an error naming the option, not a crash.</summary>
    public static Option<int> Integer(string name, string description, int defaultValue, int min, int max) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a whole number in {min}..{max}");
            return defaultValue;
        },
    };

    /// <summary>A decimal option of at least <paramref name="min"/> (invariant culture: '.' is the decimal point).</summary>
    public static Option<double> Number(string name, string description, double min, string meaning, double? defaultValue = null)
    {
        var option = new Option<double>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                string text = result.Tokens[0].Value;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && double.IsFinite(value))
                {
                    return value;
                }

                result.AddError($"{name}: '{text}' {meaning}");
                return min;
            },
        };
        if (defaultValue is double fallback)
        {
            option.DefaultValueFactory = _ => fallback;
        }
        else
        {
            option.Required = true;
        }

        return option;
    }

    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description + " (e.g. 90s, 10m, 1h30m, 1d).",
        HelpName = "time",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (TryParseDuration(text, out var value))
            {
                return value;
            }

            result.AddError($"{name}: '{text}' is not a duration like 90s, 10m, 1h30m or 1d");
            return default;
        },
    };

    /// <summary>Parses "1d2h3m4s"-style durations (each unit at most once, in that order); a bare number is seconds.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double bareSeconds))
        {
            value = TimeSpan.FromSeconds(bareSeconds);
            return bareSeconds > 0;
        }

        const string units = "dhms";
        int lastUnit = -1;
        int start = 0;
        double totalSeconds = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int unit = units.IndexOf(text[i]);
            if (unit < 0)
            {
                continue;
            }

            if (unit <= lastUnit || i == start
                || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
            {
                return false;
            }

            totalSeconds += amount * unit switch { 0 => 86400, 1 => 3600, 2 => 60, _ => 1 };
            lastUnit = unit;
            start = i + 1;
        }

        if (start != text.Length || totalSeconds <= 0)
        {
            return false;
        }

        value = TimeSpan.FromSeconds(totalSeconds);
        return true;
    }
}
