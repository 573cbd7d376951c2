using System.Text.RegularExpressions;
using CityEdge.Tests;

namespace CityEdge.Core.Tests.Docs;

[TestClass]
public sealed partial class FieldGuideTests
{
    /// <summary>
    /// Every log line docs/field-guide.md promises a technician can be built from the string literals of the
    /// node's code (firmware/: device app and core; drivers/: the sensors' start-up checks), with a <c>&lt;…&gt;</c> wherever a value goes: a changed
    /// message in the code fails here until the guide says the same.
    /// </summary>
    [TestMethod]
    public void TheLogLinesInTheFieldGuideAreTheOnesTheNodeWrites()
    {
        string guide = RepoFiles.Read("docs/field-guide.md");
        string section = guide[guide.IndexOf("## 7. The serial log", StringComparison.Ordinal)..guide.IndexOf("## 8.", StringComparison.Ordinal)];
        string[] lines = TableLine().Matches(section).Select(m => m.Groups[1].Value).ToArray();
        Assert.IsTrue(lines.Length >= 20, "the log table was not found");

        var literals = new[] { "firmware", "drivers" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoFiles.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(p => Literal().Matches(File.ReadAllText(p)).Select(m => Regex.Unescape(m.Groups[1].Value)))
            .Where(l => l.Length > 0)
            .ToHashSet();
        var unmatched = lines.Where(line => !Buildable(Message(line, literals), 0, literals, new Dictionary<int, bool>())).ToList();

        Assert.AreEqual(0, unmatched.Count, "not built from the code's strings:\n" + string.Join("\n", unmatched));
    }

    /// <summary>The line without DebugLogSink's "INF tag: " prefix, whose level and tag must be the code's; the line
    /// itself when it has none.</summary>
    private static string Message(string line, HashSet<string> literals)
    {
        var prefix = Prefix().Match(line);
        if (!prefix.Success)
        {
            return line;
        }

        Assert.IsTrue(literals.Contains(prefix.Groups[1].Value) && literals.Contains(prefix.Groups[2].Value), "unknown level or tag: " + line);
        return line[prefix.Length..];
    }

    /// <summary>True when text[at..] is a sequence of literals and &lt;placeholders&gt;.</summary>
    private static bool Buildable(string text, int at, HashSet<string> literals, Dictionary<int, bool> memo)
    {
        if (at == text.Length)
        {
            return true;
        }

        if (memo.TryGetValue(at, out bool known))
        {
            return known;
        }

        bool result;
        if (text[at] == '<')
        {
            int close = text.IndexOf('>', at);
            result = close > at && Buildable(text, close + 1, literals, memo);
        }
        else
        {
            int segmentEnd = text.IndexOf('<', at);
            string segment = segmentEnd < 0 ? text[at..] : text[at..segmentEnd];
            // A one-character literal (" ", ":") may fill a whole gap between two values or start a longer run,
            // but not end one, so it cannot glue a word onto a value.
            result = literals.Where(l => segment.StartsWith(l, StringComparison.Ordinal) && (l.Length >= 2 || l == segment || segment.Length > 1))
                .Any(l => Buildable(text, at + l.Length, literals, memo));
        }

        memo[at] = result;
        return result;
    }

    [GeneratedRegex("^(INF|WRN|ERR) ([a-z]+): ")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^\| `([^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableLine();

    [GeneratedRegex("(?<![@$])\"((?:[^\"\\\\\\n]|\\\\.)*)\"")]
    private static partial Regex Literal();
}
