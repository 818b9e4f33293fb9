namespace Fajma.Server.Monitoring;

/// <summary>
/// What is waiting to go to one browser. Vital signs are coalesced per (patient, device, type): when
/// the browser is slower than the sensors, a newer reading replaces the one not yet sent, so a slow
/// client sees the latest values and never stalls the server or grows without bound. One pump per
/// connection sends in arrival order and awaits each send, which is SignalR's own back-pressure.
/// </summary>
/// <remarks><paramref name="send"/> delivers one event to this connection (through the hub context in production).</remarks>
internal sealed class ClientOutbox(string connectionId, Func<string, object, Task> send, ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly Queue<string> _order = new();
    private readonly Dictionary<string, (string Method, object Payload)> _latest = new(StringComparer.Ordinal);
    private bool _pumping;
    private long _coalesced;

    public string ConnectionId { get; } = connectionId;

    /// <summary>Readings replaced by a newer one before they could be sent.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    /// <returns>True when the payload replaced one not yet sent (a reading shed for a newer one).</returns>
    public bool Enqueue(string key, string method, object payload)
    {
        bool replaced;
        lock (_lock)
        {
            replaced = _latest.ContainsKey(key);
            if (replaced)
            {
                _coalesced++;
            }
            else
            {
                _order.Enqueue(key);
            }
            _latest[key] = (method, payload);
            if (_pumping) return replaced;
            _pumping = true;
        }
        _ = Task.Run(PumpAsync);
        return replaced;
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            string method;
            object payload;
            lock (_lock)
            {
                if (!_order.TryDequeue(out var key))
                {
                    _pumping = false;
                    return;
                }
                (method, payload) = _latest[key];
                _latest.Remove(key);
            }
            try
            {
                await send(method, payload);
            }
#pragma warning disable CA1031 // A failed send to one browser must not end the pump; the connection's own close cleans up.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogDebug(e, "Send to {ConnectionId} failed", ConnectionId);
            }
        }
    }
}
