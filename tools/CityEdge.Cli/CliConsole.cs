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

    public static CliConsole FromProcess()
    {
        bool interactive = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (Console.IsOutputRedirected)
        {
            // A log file or pipe has no width; 80 columns would fold every table into unreadable cells.
            AnsiConsole.Profile.Width = 160;
        }

        return new CliConsole(AnsiConsole.Console, Console.Out, Console.Error, interactive);
    }

    /// <summary>A console that records everything, for tests.</summary>
    public static CliConsole ForTest(StringWriter output, StringWriter error)
    {
        var ui = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        ui.Profile.Width = 200;
        return new CliConsole(ui, output, error, interactive: false);
    }
}
