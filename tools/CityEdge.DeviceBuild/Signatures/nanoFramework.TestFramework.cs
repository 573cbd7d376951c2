// Signature-only declarations: API facts (names and types), no library code (../README.md).
// The stored snapshot's newest commit is 3.0.78 by Nerdbank.GitVersioning (version.json 3.0, height 38 + versionHeightOffset 40);
// 3.0.80, which nanoframework/Samples pairs with CoreLibrary 1.17.11, is two commits later (dependency updates).
// assembly: nanoFramework.TestFramework, Version=3.0.80.0
// package: nanoFramework.TestFramework 3.0.80
// source: nanoframework/nanoFramework.TestFramework @ d4fa55eb58a9ef2f4635e87da79d42e6c49b04b4, source/TestFramework/Assert.cs, Assert.AreEqual.cs, OutputHelper.cs, source/TestFrameworkShared/TestClassAttribute.cs, TestMethodAttribute.cs, SetupAttribute.cs, CleanupAttribute.cs, SkipTestException.cs
// source: nanoframework/Samples @ 121ef044699d4c0fa3938c83f18e16ab61dca175, samples/UnitTest/NFUnitTestDemo/packages.config (the version)
namespace nanoFramework.TestFramework
{
    using System;

    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
    public class TestClassAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class TestMethodAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class SetupAttribute : Attribute
    {
    }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public class CleanupAttribute : Attribute
    {
    }

    public class SkipTestException : Exception
    {
        public SkipTestException(string message = null, Exception innerException = null) { }
    }

    public static class OutputHelper
    {
        public static void Write(string message) => throw null;
        public static void WriteLine(string message) => throw null;
    }

    public sealed partial class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "") => throw null;
        public static void AreEqual(byte expected, byte actual, string message = "") => throw null;
        public static void AreEqual(char expected, char actual, string message = "") => throw null;
        public static void AreEqual(DateTime expected, DateTime actual, string message = "") => throw null;
        public static void AreEqual(double expected, double actual, string message = "") => throw null;
        public static void AreEqual(float expected, float actual, string message = "") => throw null;
        public static void AreEqual(int expected, int actual, string message = "") => throw null;
        public static void AreEqual(long expected, long actual, string message = "") => throw null;
        public static void AreEqual(object expected, object actual, string message = "") => throw null;
        public static void AreEqual(sbyte expected, sbyte actual, string message = "") => throw null;
        public static void AreEqual(short expected, short actual, string message = "") => throw null;
        public static void AreEqual(string expected, string actual, string message = "") => throw null;
        public static void AreEqual(uint expected, uint actual, string message = "") => throw null;
        public static void AreEqual(ulong expected, ulong actual, string message = "") => throw null;
        public static void AreEqual(ushort expected, ushort actual, string message = "") => throw null;
        public static void IsFalse(bool condition, string message = "") => throw null;
        public static void IsNotNull(object value, string message = "") => throw null;
        public static void IsNull(object value, string message = "") => throw null;
        public static void IsTrue(bool condition, string message = "") => throw null;
        public static void SkipTest(string message = null) => throw null;
        public static void ThrowsException(Type exception, Action action, string message = "") => throw null;
    }
}
