// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: nanoFramework.System.Security.Cryptography, Version=1.0.43.0
// package: nanoFramework.System.Security.Cryptography 1.0.43
// source: nanoframework/System.Security.Cryptography @ 04ba7524da06523408594c730a1536e6ba349ed8, System.Security.Cryptography/HMACSHA256.cs
namespace System.Security.Cryptography
{
    public class HMACSHA256 : IDisposable
    {
        public HMACSHA256() { }
        public HMACSHA256(byte[] key) { }
        public byte[] Hash => throw null;
        public byte[] Key { get => throw null; set => throw null; }
        public byte[] ComputeHash(byte[] buffer) => throw null;
        public static byte[] HashData(byte[] key, byte[] source) => throw null;
        public void Dispose() => throw null;
        protected void Dispose(bool disposing) => throw null;
    }
}
