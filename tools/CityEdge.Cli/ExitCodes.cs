namespace CityEdge.Cli;

/// <summary>What a `cityedge` exit code means (docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The run completed but data was lost, duplicated or undecodable.</summary>
    public const int DataProblem = 1;

    /// <summary>Bad input: arguments, a frame, a file.</summary>
    public const int InvalidInput = 2;

    /// <summary>The broker could not be reached.</summary>
    public const int BrokerUnavailable = 3;

    /// <summary>`command`: the node answered and refused (bad signature, replay, invalid argument, unsupported...).</summary>
    public const int CommandRefused = 4;

    /// <summary>`command`: no ack within --timeout.</summary>
    public const int NoAck = 5;

    /// <summary>`command`: an ack with the command's counter came, but it does not verify under the key used.</summary>
    public const int AckNotVerified = 6;
}
