namespace Fajma.Server.Live;

/// <summary>
/// One traffic class in one browser's outbox: what waits to be sent, the latest measured per key, and a token bucket of
/// <c>bytesPerSecond</c> (holding at most one second's worth) that paces it. Guarded by the outbox's lock.
/// </summary>
internal sealed class OutboxLane(long bytesPerSecond, TimeProvider time)
{
    private readonly Queue<LiveKey> _order = new();
    private readonly Dictionary<LiveKey, (string Method, object Payload, int Bytes)> _latest = new();
    private double _tokens = bytesPerSecond;
    private long _refilledAt = time.GetTimestamp();

    public bool IsEmpty => _order.Count == 0;

    /// <returns>True when one of two readings with the key was shed: the one not yet sent, or this one.</returns>
    public bool Put(LiveKey key, string method, object payload, int bytes)
    {
        if (_latest.TryGetValue(key, out var pending))
        {
            // Latest means latest measured: readings committed together (a relayed batch) are published in any order, and
            // an older one arriving second must not take the newer one's place on the screen.
            if (payload is ITimedReading arriving && pending.Payload is ITimedReading waiting && arriving.MeasuredAt < waiting.MeasuredAt) return true;
            _latest[key] = (method, payload, bytes);
            return true;
        }
        _order.Enqueue(key);
        _latest[key] = (method, payload, bytes);
        return false;
    }

    /// <summary>The next item if the budget allows it now; otherwise how long until it will.</summary>
    public bool TryTake(out (string Method, object Payload) item, out TimeSpan wait)
    {
        item = default;
        wait = TimeSpan.Zero;
        if (_order.Count == 0) return false;
        var key = _order.Peek();
        var next = _latest[key];
        if (bytesPerSecond > 0)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(bytesPerSecond, _tokens + time.GetElapsedTime(_refilledAt, now).TotalSeconds * bytesPerSecond);
            _refilledAt = now;
            if (_tokens < next.Bytes)
            {
                wait = TimeSpan.FromSeconds((next.Bytes - _tokens) / bytesPerSecond);
                return false;
            }
            _tokens -= next.Bytes;
        }
        _order.Dequeue();
        _latest.Remove(key);
        item = (next.Method, next.Payload);
        return true;
    }
}
