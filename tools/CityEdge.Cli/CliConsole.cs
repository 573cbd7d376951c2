using Spectre.Console;

namespace CityEdge.Cli;

/// <summary>
/// Where a command writes: <see cref="Ui"/> for tables and live views, <see cref="Out"/> for
/// machine-readable lines (JSON) that must never be wrapped or decorated, <see cref="Error"/> for
/// errors. Tests construct one over string writers to read what a command printed.
/// </summary>
public sealed class CliConsole
{
    public CliConsole(IAnsiConsole ui, TextWriter output, TextWriter error, bool interactive)
    {
        Ui = ui;
        Out = output;
        Error = error;
        Interactive = interactive;
    }

    public IAnsiConsole Ui { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>True on a terminal: live views redraw in place; otherwise they print line by line.</summary>
    public bool Interactive { get; }

    /// <summary>A file or pipe has no width: lines are never folded there, at any length.</summary>
    public const int RedirectedWidth = 100_000;

    public static CliConsole FromProcess()
    {
        if (Console.IsOutputRedirected)
        {
            return ForRedirected(Console.Out, Console.Error);
        }

        return new CliConsole(AnsiConsole.Console, Console.Out, Console.Error, AnsiConsole.Profile.Capabilities.Interactive);
    }

    /// <summary>Output to a file or pipe: plain text, no colours, and no width to wrap at.</summary>
    public static CliConsole ForRedirected(TextWriter output, TextWriter error) => Plain(output, error, RedirectedWidth);

    /// <summary>A console that records everything, for tests.</summary>
    public static CliConsole ForTest(StringWriter output, StringWriter error) => Plain(output, error, 200);

    private static CliConsole Plain(TextWriter output, TextWriter error, int width)
    {
        var ui = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        ui.Profile.Width = width;
        return new CliConsole(ui, output, error, interactive: false);
    }
}
