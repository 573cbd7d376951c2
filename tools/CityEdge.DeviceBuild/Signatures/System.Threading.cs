// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: System.Threading, Version=1.1.52.34401
// package: nanoFramework.System.Threading 1.1.52
// source: nanoframework/System.Threading @ ebe978044a63394fc123c27f1cdf19bda7065031, nanoFramework.System.Threading/Threading/CancellationTokenSource.cs, CancellationToken.cs
namespace System.Threading
{
    public struct CancellationToken
    {
        public bool IsCancellationRequested => throw null;
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource() { }
        public CancellationTokenSource(int millisecondsDelay) { }
        public CancellationTokenSource(TimeSpan delay) { }
        public bool IsCancellationRequested => throw null;
        public CancellationToken Token => throw null;
        public void Cancel() => throw null;
        public void Cancel(bool throwOnFirstException) => throw null;
        public void Dispose() => throw null;
    }
}
