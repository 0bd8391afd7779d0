using System.Collections.Concurrent;
using System.Net;

namespace CityActors.Silo.Tests;

/// <summary>An OTLP/HTTP endpoint on loopback that keeps every request body by signal (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>).</summary>
public sealed class OtlpReceiver : IDisposable
{
    readonly HttpListener _listener = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _bodies = new(StringComparer.Ordinal);
    readonly Task _loop;

    public OtlpReceiver()
    {
        Endpoint = new Uri($"http://127.0.0.1:{SiloProcess.FreePort()}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ReceiveAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>The bodies received so far at <paramref name="path"/>, e.g. <c>/v1/traces</c>.</summary>
    public IReadOnlyList<byte[]> Bodies(string path) => _bodies.TryGetValue(path, out var queue) ? [.. queue] : [];

    async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _bodies.GetOrAdd(context.Request.Url!.AbsolutePath, _ => new ConcurrentQueue<byte[]>()).Enqueue(body.ToArray());
            // An empty ExportServiceResponse is an empty protobuf message.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
