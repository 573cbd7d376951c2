using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CityEdge.NanoGuard
{
    /// <summary>The guard's diagnostics: one id per kind of nanoFramework 1.x incompatibility (table in README.md).</summary>
    internal static class Rules
    {
        private const string Category = "NanoFramework";

        public static readonly DiagnosticDescriptor MissingAllowList = Create(
            "CE1000", "nanoFramework API allow-list missing",
            "The nanoFramework guard found no AdditionalFiles item named '{0}', so it cannot check BCL usage; add <AdditionalFiles Include=\"path/to/{0}\" /> to the project",
            WellKnownDiagnosticTags.CompilationEnd);

        public static readonly DiagnosticDescriptor Generic = Create(
            "CE1001", "Generics are not available on nanoFramework 1.x",
            "{0} is generic: nanoFramework 1.x has no generics; {1}");

        public static readonly DiagnosticDescriptor GenericCollection = Create(
            "CE1002", "System.Collections.Generic is not available on nanoFramework 1.x",
            "{0} is generic: nanoFramework 1.x has no generics; use {1}");

        public static readonly DiagnosticDescriptor Linq = Create(
            "CE1003", "LINQ is not available on nanoFramework 1.x",
            "{0} is LINQ: nanoFramework 1.x has no System.Linq; write a loop");

        public static readonly DiagnosticDescriptor Async = Create(
            "CE1004", "async/await is not available on nanoFramework 1.x",
            "'async' {0} is not supported: nanoFramework 1.x has no Task or async/await; use a Thread, a Timer or a callback");

        public static readonly DiagnosticDescriptor Tuple = Create(
            "CE1005", "Tuples are not available on nanoFramework 1.x",
            "Tuple {0} is not supported: nanoFramework 1.x has no System.ValueTuple; declare a struct or class, or use out parameters");

        public static readonly DiagnosticDescriptor Record = Create(
            "CE1006", "Records are not available on nanoFramework 1.x",
            "Record '{0}' is not supported: records need IEquatable<T> and other generics nanoFramework 1.x lacks; declare a class or struct");

        public static readonly DiagnosticDescriptor Nullable = Create(
            "CE1007", "Nullable value types are not available on nanoFramework 1.x",
            "{0} is System.Nullable<T>, a generic type nanoFramework 1.x lacks; use a sentinel value or a separate 'has value' flag");

        public static readonly DiagnosticDescriptor MultidimensionalArray = Create(
            "CE1008", "Multidimensional arrays are not available on nanoFramework 1.x",
            "{0} is a multidimensional array, which nanoFramework 1.x lacks; use a jagged array ({1}) or index a one-dimensional array");

        public static readonly DiagnosticDescriptor Span = Create(
            "CE1009", "Span and Memory are not available on nanoFramework 1.x",
            "{0} is not available on nanoFramework 1.x; use an array with offset and count");

        public static readonly DiagnosticDescriptor DateTimeNow = Create(
            "CE1010", "DateTime.Now is not available on nanoFramework",
            "System.DateTime.Now does not exist on nanoFramework; use System.DateTime.UtcNow");

        public static readonly DiagnosticDescriptor Iterator = Create(
            "CE1011", "Iterators are not available on nanoFramework 1.x",
            "'{0}' makes an iterator, which compiles to the generic IEnumerator<T> that nanoFramework 1.x lacks; implement System.Collections.IEnumerator or return an array or ArrayList");

        public static readonly DiagnosticDescriptor Unsafe = Create(
            "CE1012", "Unsafe code is not available on nanoFramework 1.x",
            "'{0}' is unsafe code, which nanoFramework 1.x does not support; use arrays and safe code");

        public static readonly DiagnosticDescriptor Dynamic = Create(
            "CE1013", "dynamic is not available on nanoFramework 1.x",
            "'dynamic' is not supported on nanoFramework 1.x; use object and casts");

        public static readonly DiagnosticDescriptor Checked = Create(
            "CE1014", "checked arithmetic does not throw on nanoFramework",
            "'checked' never throws OverflowException on nanoFramework, so code relying on it is wrong; compare against the limits explicitly");

        public static readonly DiagnosticDescriptor EnumToString = Create(
            "CE1015", "Enum to string gives the number on nanoFramework",
            "{0} turns an enum value into a string, which gives its number on nanoFramework, not its name; map the value to text with a switch");

        public static readonly DiagnosticDescriptor TypeNotInApi = Create(
            "CE1016", "Type is not in the nanoFramework 1.x API",
            "{0} is not in the nanoFramework 1.x API (no T: entry in nanoframework-api.txt)");

        public static readonly DiagnosticDescriptor MemberNotInApi = Create(
            "CE1017", "Member is not in the nanoFramework 1.x API",
            "{0} is not in the nanoFramework 1.x API (no member of that name and parameter count in nanoframework-api.txt)");

        public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
            MissingAllowList, Generic, GenericCollection, Linq, Async, Tuple, Record, Nullable, MultidimensionalArray,
            Span, DateTimeNow, Iterator, Unsafe, Dynamic, Checked, EnumToString, TypeNotInApi, MemberNotInApi);

        private static DiagnosticDescriptor Create(string id, string title, string message, params string[] tags) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                customTags: tags);
    }
}
