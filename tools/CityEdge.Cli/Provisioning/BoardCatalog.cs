using System.Reflection;
using CityEdge.Host;

namespace CityEdge.Cli.Provisioning;

/// <summary>
/// The repository's board profiles (hardware/boards/*.board), built into the command so `--board esp32-poe`
/// works from any folder; a path to a .board file works too.
/// </summary>
internal static class BoardCatalog
{
    private const string Prefix = "boards/";

    /// <summary>Catalog names, e.g. "esp32-devkitc".</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(BoardCatalog).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => Path.GetFileNameWithoutExtension(n[Prefix.Length..]))
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The board text for <paramref name="board"/>: an existing file, else a catalog name (with or without
    /// ".board"). <paramref name="label"/> names it in messages. False with <paramref name="problem"/> otherwise.
    /// </summary>
    public static bool TryLoad(string board, out string text, out string label, out string problem)
    {
        if (File.Exists(board) || Directory.Exists(board) || board.Contains(Path.DirectorySeparatorChar) || board.Contains('/'))
        {
            label = Path.GetFileName(board);
            return NodeFileReader.TryRead(board, out text, out problem);
        }

        string name = board.EndsWith(".board", StringComparison.Ordinal) ? board[..^".board".Length] : board;
        label = name + ".board";
        using Stream? stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + name + ".board");
        if (stream == null)
        {
            text = string.Empty;
            problem = $"'{Excerpt.Escaped(board)}' is neither a file nor a known board ({string.Join(", ", Names)})";
            return false;
        }

        using var reader = new StreamReader(stream);
        text = reader.ReadToEnd();
        problem = string.Empty;
        return true;
    }
}
