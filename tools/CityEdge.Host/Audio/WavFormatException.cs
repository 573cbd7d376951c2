namespace CityEdge.Host.Audio;

/// <summary>A WAV file this tool cannot read, with where and what is wrong.</summary>
public sealed class WavFormatException : Exception
{
    public WavFormatException(long offset, string chunk, string field, string problem)
        : base($"byte {offset}, chunk '{chunk}', {field}: {problem}")
    {
        Offset = offset;
        Chunk = chunk;
        Field = field;
    }

    /// <summary>Byte offset from the start of the file.</summary>
    public long Offset { get; }

    public string Chunk { get; }

    public string Field { get; }
}
