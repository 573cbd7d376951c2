// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: System.Net, Version=1.11.60.0
// package: nanoFramework.System.Net 1.11.60
// source: nanoframework/System.Net @ 713b02c9fea5265e4e70981a9115daa3b5745c4c, nanoFramework.System.Net/X509Certificates/X509Certificate.cs, X509Certificate2.cs, NetworkHelper/NetworkHelperStatus.cs
namespace System.Security.Cryptography.X509Certificates
{
    public class X509Certificate
    {
        public X509Certificate() { }
        public X509Certificate(byte[] certificate) { }
        public X509Certificate(string certificate) { }
        public virtual string Issuer => throw null;
        public virtual string Subject => throw null;
        public virtual DateTime GetEffectiveDate() => throw null;
        public virtual DateTime GetExpirationDate() => throw null;
        public virtual byte[] GetRawCertData() => throw null;
    }

    public class X509Certificate2 : X509Certificate
    {
        public X509Certificate2() { }
        public X509Certificate2(byte[] rawData) { }
        public X509Certificate2(string certificate) { }
        public X509Certificate2(string rawData, string key, string password) { }
        public X509Certificate2(byte[] rawData, string key, string password) { }
        public X509Certificate2(byte[] rawData, byte[] key, string password) { }
        public bool HasPrivateKey => throw null;
        public DateTime NotAfter => throw null;
        public DateTime NotBefore => throw null;
    }
}

namespace nanoFramework.Networking
{
    public enum NetworkHelperStatus
    {
        None,
        Started,
        NetworkIsReady,
        FailedNoNetworkInterface,
        TokenExpiredWaitingIPAddress,
        TokenExpiredWaitingDateTime,
        ErrorConnetingToWiFiWhileScanning,
        ExceptionOccurred,
        Reconnecting,
    }
}
