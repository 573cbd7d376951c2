using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using CityEdge.Config;
using CityEdge.Host;
using CityEdge.Host.Mqtt;
using CityEdge.Host.Reports;

namespace CityEdge.Cli.Commands;

/// <summary>
/// Every option and argument that is not plain text is built here, with a parser that never throws:
/// a bad token becomes one error naming the option and (an excerpt of) the value, exit code 2. The
/// parsing rules are the <c>TryParse…</c> methods, which the property tests call directly.
/// </summary>
internal static class CommonOptions
{
    /// <summary>The one default topic root of every tool: the node's own default (mqtt.topic_root).</summary>
    public static readonly string DefaultTopicRoot = TelemetryReceiver.DefaultTopicRoot;

    /// <summary>Longest duration any option takes (ten years): far beyond any run, far below TimeSpan's limit.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3650);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Option<BrokerAddress?> Broker(string description, string name = "--broker") => new(name)
    {
        Description = description,
        HelpName = "host:port",
        CustomParser = result =>
        {
            try
            {
                return BrokerAddress.Parse(Token(result));
            }
            catch (FormatException ex)
            {
                result.AddError(name + ": " + ex.Message);
                return null;
            }
        },
    };

    /// <summary>The topic prefix, checked with the node's own rule for mqtt.topic_root (no wildcards,
    /// no empty levels). Every tool that reaches nodes defaults to <see cref="DefaultTopicRoot"/>.</summary>
    public static Option<string> TopicRoot(string? defaultRoot = null) => new("--topic-root")
    {
        Description = "MQTT topic prefix the nodes publish under (the nodes' mqtt.topic_root).",
        HelpName = "prefix",
        DefaultValueFactory = _ => defaultRoot ?? DefaultTopicRoot,
        CustomParser = result => Checked(result, "--topic-root", TryParseTopicRoot, DefaultTopicRoot),
    };

    /// <summary>A node id, checked with the node's own rule for node.id.</summary>
    public static Argument<string> NodeId() => new("node")
    {
        Description = "Node id (its node.id: the topic level before telemetry).",
        CustomParser = result => Checked(result, "node", TryParseNodeId, ""),
    };

    /// <summary>--format: table (the default) and json, or the names given.</summary>
    public static Option<string> Format(IEnumerable<string>? names = null)
    {
        string[] formats = names?.ToArray() ?? ["table", "json"];
        return new Option<string>("--format")
        {
            Description = "Output: a readable table, or one JSON object per line (schemas in docs/cli.md).",
            DefaultValueFactory = _ => "table",
        }.AcceptOnlyFromAmong(formats);
    }

    /// <summary>A whole-number option within [min, max].</summary>
    public static Option<int> Integer(string name, string description, int defaultValue, int min, int max) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Checked(result, name, (string text, out int value, out string? problem) => TryParseInteger(text, min, max, out value, out problem), defaultValue),
    };

    /// <summary>A whole-number option within [min, max] that may be left out (null).</summary>
    public static Option<int?> OptionalInteger(string name, string description, int min, int max) => new(name)
    {
        Description = description,
        CustomParser = result => Checked<int?>(result, name, (string text, out int? value, out string? problem) =>
        {
            bool ok = TryParseInteger(text, min, max, out int number, out problem);
            value = ok ? number : null;
            return ok;
        }, null),
    };

    /// <summary>A decimal option within [min, max] (invariant: '.' is the decimal point, no thousands separators).</summary>
    public static Option<double> Number(string name, string description, double min, double max, double? defaultValue = null, string? helpName = null)
    {
        var option = new Option<double>(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result => Checked(result, name, (string text, out double value, out string? problem) => TryParseNumber(text, min, max, out value, out problem), min),
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

    /// <summary>A duration (90s, 10m, 1h30m, 1d; a bare number is seconds) within [min, max].</summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue, TimeSpan? min = null, TimeSpan? max = null, bool wholeSeconds = false) => new(name)
    {
        Description = description + " (e.g. 90s, 10m, 1h30m, 1d).",
        HelpName = "time",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Checked(result, name, (string text, out TimeSpan value, out string? problem) =>
            TryParseDuration(text, min ?? TimeSpan.Zero, max ?? MaxDuration, wholeSeconds, out value, out problem), defaultValue),
    };

    public static Option<DateOnly> Date(string description) => new("--date")
    {
        Description = description,
        HelpName = "YYYY-MM-DD",
        Required = true,
        CustomParser = result => Checked<DateOnly>(result, "--date", TryParseDate, default),
    };

    /// <summary>A file that must exist and be a file (not a folder), checked before the command runs.</summary>
    public static Option<FileInfo?> InputFile(string name, string description, bool required = false) => new(name)
    {
        Description = description,
        HelpName = "file",
        Required = required,
        CustomParser = result => Checked<FileInfo?>(result, name, TryParseInputFile, null),
    };

    public static Argument<FileInfo> InputFileArgument(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Checked(result, name, (string text, out FileInfo value, out string? problem) =>
        {
            bool ok = TryParseInputFile(text, out FileInfo? file, out problem);
            value = file ?? new FileInfo(".");
            return ok;
        }, new FileInfo(".")),
    };

    /// <summary>A file the command writes: not a folder, in a folder that exists.</summary>
    public static Option<FileInfo?> OutputFile(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "file",
        CustomParser = result => Checked<FileInfo?>(result, name, TryParseOutputFile, null),
    };

    /// <summary>A folder (not a file); one the command writes into is created when missing.</summary>
    public static Option<DirectoryInfo?> Folder(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "folder",
        CustomParser = result => Checked<DirectoryInfo?>(result, name, TryParseFolder, null),
    };

    public delegate bool TryParse<T>(string text, out T value, out string? problem);

    public static bool TryParseInteger(string text, int min, int max, out int value, out string? problem)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, Invariant, out value) && value >= min && value <= max)
        {
            problem = null;
            return true;
        }

        problem = $"{Excerpt.Of(text)} is not a whole number in {min}..{max}";
        return false;
    }

    public static bool TryParseNumber(string text, double min, double max, out double value, out string? problem)
    {
        // NumberStyles.Float has no thousands separator: "5,2" is an error, never 52.
        if (!double.TryParse(text, NumberStyles.Float, Invariant, out value) || !double.IsFinite(value))
        {
            problem = $"{Excerpt.Of(text)} is not a number" + (text.Contains(',') ? " (use '.' as the decimal point)" : "");
            return false;
        }

        if (value < min || value > max)
        {
            problem = $"{Excerpt.Of(text)} is outside {min.ToString(Invariant)}..{max.ToString(Invariant)}";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>"1d2h3m4s"-style durations (each unit at most once, in that order); a bare number is seconds.</summary>
    public static bool TryParseDuration(string text, TimeSpan min, TimeSpan max, bool wholeSeconds, out TimeSpan value, out string? problem)
    {
        value = TimeSpan.Zero;
        double seconds = ParseSeconds(text);
        if (double.IsNaN(seconds))
        {
            problem = $"{Excerpt.Of(text)} is not a duration like 90s, 10m, 1h30m or 1d";
            return false;
        }

        if (wholeSeconds && seconds != Math.Floor(seconds))
        {
            problem = $"{Excerpt.Of(text)} is not a whole number of seconds";
            return false;
        }

        if (seconds <= 0 || seconds < min.TotalSeconds || seconds > max.TotalSeconds)
        {
            problem = $"{Excerpt.Of(text)} is outside {Describe(min > TimeSpan.Zero ? min : TimeSpan.FromSeconds(wholeSeconds ? 1 : 0.001))}..{Describe(max)}";
            return false;
        }

        value = TimeSpan.FromSeconds(seconds);
        problem = null;
        return true;
    }

    public static bool TryParseDate(string text, out DateOnly value, out string? problem)
    {
        bool ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out value);
        problem = ok ? null : $"{Excerpt.Of(text)} is not a date like 2026-11-23";
        return ok;
    }

    public static bool TryParseTopicRoot(string text, out string value, out string? problem) => TryParseSchemaValue("mqtt.topic_root", text, out value, out problem);

    public static bool TryParseNodeId(string text, out string value, out string? problem) => TryParseSchemaValue("node.id", text, out value, out problem);

    public static bool TryParseInputFile(string text, out FileInfo? value, out string? problem)
    {
        value = null;
        if (!TryFullPath(text, out string path, out problem))
        {
            return false;
        }

        if (Directory.Exists(path))
        {
            problem = $"{Excerpt.Of(text)} is a folder, not a file";
            return false;
        }

        if (!File.Exists(path))
        {
            problem = $"{Excerpt.Of(text)} does not exist";
            return false;
        }

        value = new FileInfo(path);
        return true;
    }

    public static bool TryParseOutputFile(string text, out FileInfo? value, out string? problem)
    {
        value = null;
        if (!TryFullPath(text, out string path, out problem))
        {
            return false;
        }

        if (Directory.Exists(path))
        {
            problem = $"{Excerpt.Of(text)} is a folder; give a file name";
            return false;
        }

        string? folder = Path.GetDirectoryName(path);
        if (folder != null && !Directory.Exists(folder))
        {
            problem = $"{Excerpt.Of(text)}: folder {Excerpt.Of(folder)} does not exist";
            return false;
        }

        value = new FileInfo(path);
        return true;
    }

    public static bool TryParseFolder(string text, out DirectoryInfo? value, out string? problem)
    {
        value = null;
        if (!TryFullPath(text, out string path, out problem))
        {
            return false;
        }

        if (File.Exists(path))
        {
            problem = $"{Excerpt.Of(text)} is a file, not a folder";
            return false;
        }

        value = new DirectoryInfo(path);
        return true;
    }

    private static bool TryParseSchemaValue(string key, string text, out string value, out string? problem)
    {
        value = text;
        string? why = text.Length == 0 ? "it is empty" : SchemaKey(key).Check(text);
        problem = why == null ? null : $"{Excerpt.Of(text)} is not a valid {key}: {why}";
        return why == null;
    }

    /// <summary>A node config key (its range bounds the matching option, so tools and node agree).</summary>
    public static ConfigKey SchemaKey(string name) => NodeConfig.Schema.Single(k => k.Name == name);

    private static bool TryFullPath(string text, out string path, out string? problem)
    {
        path = "";
        problem = null;
        if (string.IsNullOrWhiteSpace(text) || text.Contains('\0'))
        {
            problem = $"{Excerpt.Of(text)} is not a file name";
            return false;
        }

        try
        {
            path = Path.GetFullPath(text);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            problem = $"{Excerpt.Of(text)} is not a file name: {ex.Message}";
            return false;
        }
    }

    /// <summary>Seconds in <paramref name="text"/>, or NaN when it is not a duration.</summary>
    private static double ParseSeconds(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return double.NaN;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, Invariant, out double bareSeconds))
        {
            return bareSeconds;
        }

        const string units = "dhms";
        int lastUnit = -1;
        int start = 0;
        double total = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int unit = units.IndexOf(text[i]);
            if (unit < 0)
            {
                continue;
            }

            if (unit <= lastUnit || i == start
                || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, Invariant, out double amount))
            {
                return double.NaN;
            }

            total += amount * unit switch { 0 => 86400, 1 => 3600, 2 => 60, _ => 1 };
            lastUnit = unit;
            start = i + 1;
        }

        return start == text.Length && double.IsFinite(total) ? total : double.NaN;
    }

    private static string Describe(TimeSpan span) => span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays)
        ? span.TotalDays.ToString(Invariant) + "d"
        : span.TotalSeconds.ToString(Invariant) + "s";

    private static T Checked<T>(ArgumentResult result, string name, TryParse<T> parse, T fallback)
    {
        if (result.Tokens.Count == 0)
        {
            result.AddError($"{name}: a value is missing");
            return fallback;
        }

        if (parse(result.Tokens[0].Value, out T value, out string? problem))
        {
            return value;
        }

        result.AddError($"{name}: {problem}");
        return fallback;
    }

    private static string Token(ArgumentResult result) => result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
}
