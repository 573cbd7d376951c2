using System.Text.Json;

namespace CityEdge.Cli.Provisioning;

/// <summary>One file for the node's internal storage: where it goes (I:\...) and where it comes from.</summary>
internal sealed record DeployFile(string Destination, string Source);

/// <summary>
/// What nanoff needs to provision a node, from nanoFirmwareFlasher's own documentation and sources
/// (nanoframework/nanoFirmwareFlasher @ baccab8dd8309aa58af4c7287bb2f866292fb22d): README.md "ESP32 usage
/// examples" (--update --target --serialport, --masserase, --deploy --image) and "Deploy file to device
/// storage" (--filedeployment JSON: optional SerialPort, mandatory Files with DestinationFilePath and
/// SourceFilePath; nanoFirmwareFlasher.Library/FileDeployment/FileDeploymentConfiguration.cs and
/// DeploymentFile.cs, read case-insensitively), and nanoFirmwareFlasher.Tool/Options.cs for the option names.
/// Only paths go into the JSON and the command lines: the files' contents (passwords, keys) never do.
/// </summary>
internal static class NanoffDeployment
{
    /// <summary>The node's internal storage drive (nanoframework/Samples System.IO.FileSystem: "I: is Internal flash drive").</summary>
    public const string Drive = "I:\\";

    /// <summary>The file-deployment JSON nanoff reads.</summary>
    public static string Json(string serialPort, IEnumerable<DeployFile> files) =>
        JsonSerializer.Serialize(
            new Dictionary<string, object>
            {
                ["SerialPort"] = serialPort,
                ["Files"] = files.Select(f => new Dictionary<string, string> { ["DestinationFilePath"] = f.Destination, ["SourceFilePath"] = f.Source }).ToList(),
            },
            new JsonSerializerOptions { WriteIndented = true });

    /// <summary>
    /// The three steps, each runnable alone: firmware (mass erase first: a clean node, no stale config slots
    /// or queue), the app's deployment image, then the files, which need the storage the erase emptied.
    /// </summary>
    public static string[] CommandLines(string target, string serialPort, string image, string deployJson) =>
    [
        $"nanoff --update --target {target} --serialport {Quote(serialPort)} --masserase",
        $"nanoff --target {target} --serialport {Quote(serialPort)} --deploy --image {Quote(image)}",
        $"nanoff --filedeployment {Quote(deployJson)}",
    ];

    /// <summary>Double quotes around an argument with spaces or shell metacharacters (both cmd.exe and POSIX shells take them).</summary>
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./\\:".Contains(c)) ? argument : "\"" + argument + "\"";
}
