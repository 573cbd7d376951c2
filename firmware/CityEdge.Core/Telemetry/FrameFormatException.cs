using System;

namespace CityEdge.Telemetry
{
    /// <summary>
    /// A telemetry frame that is not a valid frame v1. Names the byte offset and the field so that
    /// whoever holds the bytes can see exactly where they went wrong; nothing of the frame is used.
    /// </summary>
    public class FrameFormatException : Exception
    {
        public FrameFormatException(int offset, string field, string problem)
            : base("byte " + offset + " (" + field + "): " + problem)
        {
            Offset = offset;
            Field = field;
            Problem = problem;
        }

        /// <summary>Offset from the start of the frame of the first byte that is wrong or missing.</summary>
        public int Offset { get; }

        /// <summary>The field at that offset, as named in docs/telemetry-format.md (e.g. "climate.humidity").</summary>
        public string Field { get; }

        public string Problem { get; }
    }
}
