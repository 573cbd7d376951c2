using Microsoft.CodeAnalysis;

namespace CityEdge.Guard.Tests
{
    /// <summary>A small slice of the nanoFramework 1.x API in the format of firmware/nanoframework-api.txt.</summary>
    internal static class Fixture
    {
        public const string AllowListText = @"# Test fixture: a slice of the nanoFramework 1.x API (documentation-comment IDs).
T:System.Object
M:System.Object.#ctor
M:System.Object.ToString
M:System.Object.Equals(System.Object)
M:System.Object.GetHashCode
T:System.Void
T:System.Boolean
T:System.Byte
T:System.Char
T:System.Int32
F:System.Int32.MaxValue
M:System.Int32.ToString
T:System.Int64
T:System.Double
T:System.String
P:System.String.Length
M:System.String.Format(System.String,System.Object[])
T:System.Enum
M:System.Enum.ToString
T:System.Array
P:System.Array.Length
T:System.Exception
M:System.Exception.#ctor(System.String)
T:System.IDisposable
M:System.IDisposable.Dispose
T:System.DateTime
P:System.DateTime.UtcNow
P:System.DateTime.Ticks
T:System.Math
M:System.Math.Max(System.Int32,System.Int32)
T:System.Console
M:System.Console.WriteLine(System.String)
T:System.FlagsAttribute
M:System.FlagsAttribute.#ctor
T:System.Action
T:System.Collections.ArrayList
M:System.Collections.ArrayList.#ctor
M:System.Collections.ArrayList.Add(System.Object)
P:System.Collections.ArrayList.Count
P:System.Collections.ArrayList.Item(System.Int32)
T:System.Collections.Hashtable
M:System.Collections.Hashtable.#ctor
P:System.Collections.Hashtable.Item(System.Object)
T:System.Collections.IEnumerable
";

        public static readonly AdditionalText AllowList = new InMemoryText("fixture/nanoframework-api.txt", AllowListText);
    }
}
