using System.Text;
using Fajma.Devices.Transport;

namespace Fajma.Devices.Tests.Outbox;

/// <summary>
/// Stands for the network and the server: the body is the message key; the server stores a key once and answers a
/// repeat as a duplicate (accepted), as the real ingestion does. <see cref="Down"/> refuses connections (an outage);
/// <see cref="Fault"/> can fail a publish (throw, or return a refusal) before the server sees it.
/// </summary>
internal sealed class FakeServerTransport : IDeviceTransport
{
    private readonly Lock _gate = new();
    private readonly List<string> _stored = [];
    private readonly List<string> _attempts = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

    public bool Down { get; set; }

    /// <summary>Called with the key and the attempt number (1-based, over all publishes); a non-null result is returned instead of storing.</summary>
    public Func<string, int, PublishResult?>? Fault { get; set; }

    /// <summary>Awaited before answering, to hold a publish in flight.</summary>
    public Task? Gate { get; set; }

    public IReadOnlyList<string> Stored { get { lock (_gate) return [.. _stored]; } }

    public IReadOnlyList<string> Attempts { get { lock (_gate) return [.. _attempts]; } }

    public int Duplicates { get; private set; }

    public void PreStore(string key)
    {
        lock (_gate) _stored.Add(key);
    }

    /// <summary>Completes once <paramref name="count"/> publishes have been attempted.</summary>
    public Task AttemptedAsync(int count)
    {
        lock (_gate)
        {
            if (_attempts.Count >= count) return Task.CompletedTask;
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    public Task ConnectAsync(CancellationToken cancellationToken) =>
        Down ? throw new HttpRequestException("connection refused (outage)") : Task.CompletedTask;

    public async Task<PublishResult> PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var key = Encoding.UTF8.GetString(message.Span);
        int attempt;
        lock (_gate)
        {
            _attempts.Add(key);
            attempt = _attempts.Count;
            foreach (var waiter in _waiters.Where(w => w.Count <= attempt).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
        if (Gate is { } gate) await gate.WaitAsync(cancellationToken);
        if (Fault?.Invoke(key, attempt) is { } failure) return failure;
        lock (_gate)
        {
            if (_stored.Contains(key))
            {
                Duplicates++;
                return new PublishResult(true, "200", "duplicate");
            }
            _stored.Add(key);
            return new PublishResult(true, "200", "stored");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
