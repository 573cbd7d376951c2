#nullable disable
#if NANOFRAMEWORK_1_0
using nanoFramework.TestFramework;
#else
using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif

namespace CityEdge.Tests.Portable
{
    /// <summary>
    /// The thin adapter under the portable tests: the few assertions they use, on MSTest on the host and
    /// on nanoFramework.TestFramework on the board (whose Assert has no tolerance overloads and no Fail).
    /// Each portable test file picks its framework's [TestClass]/[TestMethod] with the same #if.
    /// </summary>
    public static class Check
    {
        public static void Equal(long expected, long actual, string what)
        {
            Assert.AreEqual(expected, actual, what);
        }

        public static void Equal(string expected, string actual, string what)
        {
            Assert.AreEqual(expected, actual, what);
        }

        public static void True(bool condition, string what)
        {
            Assert.IsTrue(condition, what);
        }

        public static void False(bool condition, string what)
        {
            Assert.IsFalse(condition, what);
        }

        /// <summary><paramref name="actual"/> within <paramref name="tolerance"/> of <paramref name="expected"/>.</summary>
        public static void Near(double expected, double actual, double tolerance, string what)
        {
            double difference = actual - expected;
            Assert.IsTrue(difference <= tolerance && difference >= -tolerance, what + ": expected " + expected.ToString() + " ± " + tolerance.ToString() + ", got " + actual.ToString());
        }

        /// <summary>Bytes from a hex string ("0a1b…"), for test vectors.</summary>
        public static byte[] Hex(string hex)
        {
            byte[] bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((Nibble(hex[2 * i]) << 4) | Nibble(hex[(2 * i) + 1]));
            }

            return bytes;
        }

        public static void Bytes(byte[] expected, byte[] actual, int count, string what)
        {
            Assert.AreEqual(expected.Length, count, what + ": length");
            for (int i = 0; i < count; i++)
            {
                Assert.AreEqual((int)expected[i], (int)actual[i], what + ": byte " + i.ToString());
            }
        }

        private static int Nibble(char c)
        {
            return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
        }
    }
}
