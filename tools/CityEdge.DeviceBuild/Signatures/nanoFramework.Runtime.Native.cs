// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: nanoFramework.Runtime.Native, Version=1.7.11.0
// package: nanoFramework.Runtime.Native 1.7.11
// source: nanoframework/nanoFramework.Runtime.Native @ a7c24bd4983163ba1a3febbedc23d13cb17cdf36, nanoFramework.Runtime.Native/GC.cs, Power.cs, RebootOption.cs, SystemInfo.cs
namespace nanoFramework.Runtime.Native
{
    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }

    public static class GC
    {
        public static uint Run(bool compactHeap) => throw null;
        public static void EnableGCMessages(bool enable) => throw null;
    }

    public class Power
    {
        public static void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot) => throw null;
        public static void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot) => throw null;
    }

    public static class SystemInfo
    {
        public static string OEMString => throw null;
        public static string TargetName => throw null;
        public static string Platform => throw null;
    }
}
