using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fajma.Devices.Tests.Outbox;

/// <summary>
/// Stands for the ingestion endpoint, outside the device process so it outlives a kill: the body is the message key,
/// the first copy is stored, a repeat is answered 200 "duplicate" as the real server does.
/// </summary>
internal sealed class DedupingHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<string> _stored = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly Task _loop;

    public DedupingHttpServer()
    {
        // A free port: bind to 0, read it, release it (HttpListener cannot bind to port 0 itself).
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<string> Stored { get { lock (_gate) return [.. _stored]; } }

    public int Duplicates { get; private set; }

    /// <summary>Completes once <paramref name="count"/> distinct messages are stored.</summary>
    public Task StoredAsync(int count)
    {
        lock (_gate)
        {
            if (_stored.Count >= count) return Task.CompletedTask;
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                if (!_listener.IsListening) return; // stopped
                continue; // a connection reset by the killed device: keep serving
            }
            // Each request on its own: one cut off by the kill must not hold up the next device's requests.
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var key = await reader.ReadToEndAsync();
            string status;
            lock (_gate)
            {
                if (_seen.Add(key))
                {
                    _stored.Add(key);
                    status = "stored";
                    foreach (var waiter in _waiters.Where(w => w.Count <= _stored.Count).ToList())
                    {
                        waiter.Signal.TrySetResult();
                        _waiters.Remove(waiter);
                    }
                }
                else
                {
                    Duplicates++;
                    status = "duplicate";
                }
            }
            var body = Encoding.UTF8.GetBytes($"{{\"status\":\"{status}\"}}");
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The device was killed mid-request: it never saw an answer, so the message is still in its outbox.
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(2)); // the accept loop ends with the listener; do not hang a test on it
    }
}
