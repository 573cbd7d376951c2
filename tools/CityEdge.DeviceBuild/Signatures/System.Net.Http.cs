// Signature-only declarations: API facts (names and types), no library code (../README.md).
// assembly: System.Net.Http, Version=1.5.210.0
// package: nanoFramework.System.Net.Http.Server 1.5.210
// references: System.Net, System.IO.Streams
// source: nanoframework/System.Net.Http @ a37532d0 (1.5.210: version.json 1.5, git height 210), nanoFramework.System.Net.Http/Http/System.Net.HttpListener.cs, System.Net.HttpListenerContext.cs, System.Net.HttpListenerRequest.cs, System.Net.HttpListenerResponse.cs
namespace System.Net
{
    using System.IO;

    public class HttpListener
    {
        public HttpListener(string prefix) { }
        public HttpListener(string prefix, int port, IPAddress localEndpointIP = null) { }
        public bool IsListening => throw null;
        public void Start() => throw null;
        public void Stop() => throw null;
        public void Close() => throw null;
        public HttpListenerContext GetContext() => throw null;
    }

    public class HttpListenerContext
    {
        public HttpListenerRequest Request => throw null;
        public HttpListenerResponse Response => throw null;
        public void Close() => throw null;
    }

    public class HttpListenerRequest
    {
        public string HttpMethod => throw null;
        public string RawUrl => throw null;
        public long ContentLength64 => throw null;
        public string ContentType => throw null;
        public Stream InputStream => throw null;
    }

    public sealed class HttpListenerResponse : IDisposable
    {
        public int StatusCode { get => throw null; set => throw null; }
        public long ContentLength64 { get => throw null; set => throw null; }
        public string ContentType { get => throw null; set => throw null; }
        public Stream OutputStream => throw null;
        public void Close() => throw null;
        public void Dispose() => throw null;
    }
}
