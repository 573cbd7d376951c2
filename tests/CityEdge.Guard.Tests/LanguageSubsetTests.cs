using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Guard.Tests
{
    /// <summary>
    /// Each planted construct that nanoFramework 1.x cannot run must be reported with its id at the exact line and
    /// column: a <c>/*CE10xx*/</c> marker sits right before the syntax the diagnostic must point at (see GuardHarness.Verify).
    /// </summary>
    [TestClass]
    public sealed class LanguageSubsetTests
    {
        [TestMethod]
        public void GenericCollectionIsReportedWithItsReplacement()
        {
            ImmutableArray<Diagnostic> found = GuardHarness.Verify(@"using System.Collections.Generic;
class C
{
    /*CE1002*/List<int> _items = new /*CE1002*/List<int>();
    int Count(System.Collections.Generic./*CE1002*/Dictionary<string, int> map) => map.Count + _items.Count;
}");
            Assert.AreEqual(
                "System.Collections.Generic.List<T> is generic: nanoFramework 1.x has no generics; use System.Collections.ArrayList",
                found[0].GetMessage());
            StringAssert.Contains(found[2].GetMessage(), "use System.Collections.Hashtable");
        }

        [TestMethod]
        public void LinqCallsAndQueriesAreReported()
        {
            GuardHarness.Verify(@"using System.Linq;
class C
{
    bool AnyBig(int[] values) => values./*CE1003*/Where(v => v > 9)./*CE1003*/Any();
    object Query(int[] values) => /*CE1003*/from v in values select v;
}");
        }

        [TestMethod]
        public void AsyncFunctionsAreReported()
        {
            GuardHarness.Verify(@"using System;
class C
{
    /*CE1004*/async void Run() { }
    void Start()
    {
        Action later = /*CE1004*/async () => { };
        later();
    }
}");
        }

        [TestMethod]
        public void TuplesAreReported()
        {
            GuardHarness.Verify(@"class C
{
    /*CE1005*/(int, int) Pair() => /*CE1005*/(1, 2);
    int First() => Pair().Item1;
    System./*CE1005*/ValueTuple<int, int> _explicit;
}");
        }

        [TestMethod]
        public void DateTimeNowIsReportedWithUtcNowAsReplacement()
        {
            ImmutableArray<Diagnostic> found = GuardHarness.Verify(@"using System;
class C
{
    long Stamp() => DateTime./*CE1010*/Now.Ticks;
}");
            StringAssert.Contains(found[0].GetMessage(), "use System.DateTime.UtcNow");
        }

        [TestMethod]
        public void OwnGenericDeclarationsAndTheirUsesAreReported()
        {
            GuardHarness.Verify(@"class Box/*CE1001*/<T>
{
    public T Value;
}
interface ISource/*CE1001*/<T> { }
delegate void Handler/*CE1001*/<T>(T value);
class User
{
    /*CE1001*/Box<int> _box = new /*CE1001*/Box<int>();
    static T Id/*CE1001*/<T>(T value) => value;
    int Call() => /*CE1001*/Id(5) + _box.Value;
}");
        }

        [TestMethod]
        public void GenericBclDelegatesAndMethodsAreReported()
        {
            ImmutableArray<Diagnostic> found = GuardHarness.Verify(@"using System;
class C
{
    /*CE1001*/Func<int> _make;
    /*CE1001*/Action<int> _take;
    int[] Empty() => Array./*CE1001*/Empty<int>();
    object Anonymous() => /*CE1001*/new { A = 1 }.A;
}");
            StringAssert.Contains(found[0].GetMessage(), "declare a non-generic delegate");
        }

        [TestMethod]
        public void NullableValueTypesAreReported()
        {
            GuardHarness.Verify(@"class C
{
    /*CE1007*/int? _maybe;
    System./*CE1007*/Nullable<long> _explicit;
    string _annotationOnly;
}");
        }

        [TestMethod]
        public void MultidimensionalArraysAreReportedJaggedArraysAreNot()
        {
            ImmutableArray<Diagnostic> found = GuardHarness.Verify(@"class C
{
    /*CE1008*/int[,] _grid = new /*CE1008*/int[2, 3];
    int[][] _jagged = new int[2][];
    object _implicit = /*CE1008*/new[,] { { 1 } };
}");
            StringAssert.Contains(found[0].GetMessage(), "use a jagged array (int[][])");
        }

        [TestMethod]
        public void SpanAndMemoryAreReported()
        {
            GuardHarness.Verify(@"using System;
class C
{
    /*CE1009*/ReadOnlySpan<byte> View(byte[] data) => new /*CE1009*/ReadOnlySpan<byte>(data);
    /*CE1009*/Memory<byte> _memory;
    int Local(byte[] data)
    {
        /*CE1009*/Span<byte> span = data;
        return span.Length;
    }
}");
        }

        [TestMethod]
        public void RecordsAreReported()
        {
            GuardHarness.Verify(@"public /*CE1006*/record Reading(int Value);
public class Client
{
    public int Read(Reading reading) => reading.Value;
}");
        }

        [TestMethod]
        public void IteratorsAreReported()
        {
            GuardHarness.Verify(@"using System.Collections;
class C
{
    IEnumerable Numbers(bool none)
    {
        if (none)
            /*CE1011*/yield break;
        /*CE1011*/yield return 1;
    }
}");
        }

        [TestMethod]
        public void UnsafeCodeIsReported()
        {
            GuardHarness.Verify(@"class C
{
    /*CE1012*/unsafe static int Read(int* pointer) => *pointer;
    void Block()
    {
        /*CE1012*/unsafe { }
        System./*CE1009*/Span<byte> scratch = /*CE1012*/stackalloc byte[4];
    }
}");
        }

        [TestMethod]
        public void DynamicIsReported()
        {
            GuardHarness.Verify(@"class C
{
    object Twice(/*CE1013*/dynamic value) => value + value;
}");
        }

        [TestMethod]
        public void CheckedIsReportedUncheckedIsNot()
        {
            GuardHarness.Verify(@"class C
{
    int Next(int value) => /*CE1014*/checked(value + 1);
    int Wrap(int value) => unchecked(value + 1);
    void Add(ref int total, int value)
    {
        /*CE1014*/checked
        {
            total += value;
        }
    }
}");
        }

        [TestMethod]
        public void EnumToStringIsReported()
        {
            ImmutableArray<Diagnostic> found = GuardHarness.Verify(@"enum Mode { Idle, Busy }
class C
{
    string Name(Mode mode) => mode./*CE1015*/ToString();
    string Interpolated(Mode mode) => $""mode {/*CE1015*/mode}"";
    string Concatenated(Mode mode) => ""mode "" + /*CE1015*/mode;
    string Number(Mode mode) => ((int)mode).ToString();
}");
            StringAssert.Contains(found[0].GetMessage(), "'mode.ToString()'");
        }
    }
}
