using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace CityEdge.Guard.Tests
{
    /// <summary>Code that runs on nanoFramework 1.x must pass the guard without a single diagnostic.</summary>
    [TestClass]
    public sealed class CleanCodeTests
    {
        [TestMethod]
        public void PortableStyleCodeGetsNoDiagnostics()
        {
            GuardHarness.Verify(@"using System;
using System.Collections;

namespace Clean
{
    /// <summary>Docs may mention <see cref=""System.Collections.Generic.List{T}""/> freely.</summary>
    public delegate int IntOperation(int value);

    public interface IShape
    {
        int Area();
    }

    public struct Rectangle : IShape
    {
        public int Width;
        public int Height;

        public Rectangle(int width, int height)
        {
            Width = width;
            Height = height;
        }

        public int Area() => Width * Height;
    }

    [Flags]
    public enum Mode { None = 0, Fast = 1, Slow = 2 }

    public class SensorException : Exception
    {
        public SensorException(string message) : base(message) { }
    }

    public sealed class Worker : IDisposable
    {
        private readonly object _gate = new object();
        private readonly ArrayList _items = new ArrayList();
        private readonly Hashtable _index = new Hashtable();
        private readonly int[][] _rows = new int[2][];
        private Mode _mode = Mode.Fast;

        public string Describe(int a, int b)
        {
            lock (_gate)
            {
                _items.Add(a);
                _index[""key""] = b;
                IntOperation twice = x => x * 2;
                long stamp = DateTime.UtcNow.Ticks;
                string text = string.Format(""{0}-{1}"", a, twice(b));
                string one = string.Format(""{0}"", a);
                switch (text)
                {
                    case ""1-2"":
                        return $""first {a} {text.Length}"";
                    case ""2-4"":
                        return ""second "" + stamp + a.ToString();
                    default:
                        return one + _rows.Length + Math.Max(a, int.MaxValue) + (int)_items[0] + _items.Count
                            + ((_mode & Mode.Slow) != 0);
                }
            }
        }

        public void Dispose()
        {
            if (_items.Count > 0)
            {
                throw new SensorException(""busy"");
            }
        }
    }
}");
        }
    }
}
