using System.Collections;
using CityEdge.Board;
using CityEdge.Config;
using CityEdge.Host;

namespace CityEdge.Cli.Provisioning;

/// <summary>One problem in a node's files, as `cityedge` prints it.</summary>
internal sealed record Problem(string File, int Line, string Key, bool IsWarning, string Message)
{
    /// <summary>"cityedge.conf: line 3: mqtt.port: 70000 is outside 1..65535", escaped and bounded.</summary>
    public override string ToString() =>
        File + ": " + (Line > 0 ? "line " + Line + ": " : string.Empty) + (Key.Length > 0 ? Excerpt.Escaped(Key) + ": " : string.Empty)
        + (IsWarning ? "warning: " : string.Empty) + Excerpt.Escaped(Message, 400);
}

/// <summary>
/// Checks a node's files with the node's own code: <see cref="NodeConfig.Parse"/> and
/// <see cref="HardwarePlan.FromFiles"/> (every board rule and every rule the device app applies at boot),
/// the files beside the config standing in for the node's storage. Every problem of every file is
/// collected, each file's in line order.
/// </summary>
internal sealed class NodeCheck
{
    private NodeCheck(string configLabel)
    {
        ConfigLabel = configLabel;
    }

    public string ConfigLabel { get; }

    /// <summary>The board file's name in messages; empty when no board was given.</summary>
    public string BoardLabel { get; private set; } = string.Empty;

    public string ConfigText { get; private set; } = string.Empty;

    public string BoardText { get; private set; } = string.Empty;

    public NodeConfig? Config { get; private set; }

    /// <summary>The plan the node would open; null without a valid board file.</summary>
    public HardwarePlan? Plan { get; private set; }

    public List<Problem> Problems { get; } = [];

    public int ErrorCount => Problems.Count(p => !p.IsWarning);

    public int WarningCount => Problems.Count(p => p.IsWarning);

    /// <param name="configPath">The node config.</param>
    /// <param name="board">A .board file or catalog name; null to check the config alone.</param>
    /// <param name="filesFolder">Where ca.pem and friends are; null: the config's folder.</param>
    public static NodeCheck Run(string configPath, string? board, string? filesFolder)
    {
        var check = new NodeCheck(Path.GetFileName(configPath));
        var errors = new ArrayList();
        var warnings = new ArrayList();
        if (NodeFileReader.TryRead(configPath, out string configText, out string problem))
        {
            check.ConfigText = configText;
            check.Config = NodeConfig.Parse(configText, errors);
        }
        else
        {
            check.Problems.Add(new Problem(check.ConfigLabel, 0, string.Empty, false, problem));
        }

        if (board != null)
        {
            bool loaded = BoardCatalog.TryLoad(board, out string boardText, out string boardLabel, out string boardProblem);
            check.BoardLabel = boardLabel;
            if (loaded)
            {
                check.BoardText = boardText;
                string folder = filesFolder ?? Path.GetDirectoryName(Path.GetFullPath(configPath))!;
                check.Plan = HardwarePlan.FromFiles(boardText, check.Config, new FolderFiles(folder), errors, warnings);
            }
            else
            {
                check.Problems.Add(new Problem(check.BoardLabel, 0, string.Empty, false, boardProblem));
            }
        }

        check.Collect(errors, warnings);
        return check;
    }

    /// <summary>The config's problems, then the board's, then other files', each in line order (missing keys last).</summary>
    private void Collect(ArrayList errors, ArrayList warnings)
    {
        var all = errors.Cast<ConfigError>().Select(e => (Error: e, Warning: false))
            .Concat(warnings.Cast<ConfigError>().Select(e => (Error: e, Warning: true)))
            .Select(x => new Problem(FileOf(x.Error), x.Error.Line, x.Error.Key, x.Warning, x.Error.Message))
            .ToList();
        var order = new List<string> { ConfigLabel, BoardLabel };
        Problems.AddRange(all
            .OrderBy(p => order.IndexOf(p.File) is int i && i >= 0 ? i : order.Count)
            .ThenBy(p => p.File, StringComparer.Ordinal)
            .ThenBy(p => p.Line > 0 ? p.Line : int.MaxValue));
    }

    private string FileOf(ConfigError error) =>
        error.Source == null ? ConfigLabel : error.Source == BoardProfile.FileName ? BoardLabel : error.Source;
}
