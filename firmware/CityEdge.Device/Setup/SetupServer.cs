using System;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using CityEdge.Diagnostics;
using CityEdge.Hal;
using CityEdge.Setup;

namespace CityEdge.Device.Setup
{
    /// <summary>
    /// Serves the core's <see cref="SetupSession"/> over HTTP on the setup access point: one thread takes each
    /// request, reads at most SetupSession.MaxBodyBytes + 1 bytes of its body, and writes the session's answer.
    /// Every decision (routes, validation, storing, closing) is the session's; this only moves bytes.
    /// <para>APIs checked in nanoframework/System.Net.Http @ a37532d0bc21386611029a61a53261bc3205c786 (the
    /// commit that builds NuGet nanoFramework.System.Net.Http.Server 1.5.210: version.json "1.5", git height
    /// 210): HttpListener(string prefix) (port 80 for "http"), Start(), Stop() (GetContext then returns null),
    /// GetContext(), IsListening; HttpListenerContext.Request/Response; HttpListenerRequest.HttpMethod, RawUrl,
    /// ContentLength64, InputStream; HttpListenerResponse.StatusCode, ContentType, ContentLength64,
    /// OutputStream, Close().</para>
    /// </summary>
    public sealed class SetupServer
    {
        private const string LogTag = "setup";
        private readonly SetupSession _session;
        private readonly IClock _clock;
        private readonly ILogSink _log;
        private HttpListener _listener;

        public SetupServer(SetupSession session, IClock clock, ILogSink log)
        {
            _session = session;
            _clock = clock;
            _log = log;
        }

        public void Start()
        {
            _listener = new HttpListener("http");
            _listener.Start();
            new Thread(Serve).Start();
        }

        public void Stop()
        {
            if (_listener != null)
            {
                _listener.Stop();
            }
        }

        private void Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context = _listener.GetContext();
                if (context == null)
                {
                    return;
                }

                try
                {
                    Answer(context);
                }
                catch (Exception ex)
                {
                    // A phone that drops the connection mid-request must not end setup.
                    _log.Write(LogLevel.Warning, LogTag, "request failed: " + ex.Message);
                }
            }
        }

        private void Answer(HttpListenerContext context)
        {
            HttpListenerRequest request = context.Request;
            byte[] body = null;
            int count = 0;
            if (request.ContentLength64 > 0)
            {
                long wanted = request.ContentLength64 > SetupSession.MaxBodyBytes ? SetupSession.MaxBodyBytes + 1 : request.ContentLength64;
                body = new byte[(int)wanted];
                count = ReadFully(request.InputStream, body);
            }

            SetupResponse answer;
            lock (_session)
            {
                answer = _session.Handle(request.HttpMethod, request.RawUrl, body, count, _clock.MonotonicMs());
            }

            byte[] bytes = Encoding.UTF8.GetBytes(answer.Body);
            HttpListenerResponse response = context.Response;
            response.StatusCode = answer.StatusCode;
            response.ContentType = answer.ContentType;
            response.ContentLength64 = bytes.Length;
            response.OutputStream.Write(bytes, 0, bytes.Length);
            response.Close();
        }

        private static int ReadFully(Stream stream, byte[] buffer)
        {
            int count = 0;
            while (count < buffer.Length)
            {
                int read = stream.Read(buffer, count, buffer.Length - count);
                if (read <= 0)
                {
                    break;
                }

                count += read;
            }

            return count;
        }
    }
}
