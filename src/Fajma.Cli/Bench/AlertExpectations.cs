using System.Collections.Concurrent;

namespace Fajma.Cli.Bench;

/// <summary>
/// The alert events one probe waits for, by rule and event, each with the time the probe sent what should raise it. An
/// event arrives by the doctor's hub, or — for a raise the hub missed while it was away — by asking the server afterwards.
/// </summary>
internal sealed class AlertExpectations
{
    private readonly ConcurrentDictionary<string, Expectation> _expected = new(StringComparer.Ordinal);
    private int _caughtUp;

    /// <summary>Raises heard of only by asking the server after the doctor's hub reconnected.</summary>
    public int CaughtUp => Volatile.Read(ref _caughtUp);

    /// <summary>Completes with the alert's raise time (the server's clock) and when the bench heard of it.</summary>
    public Task<(DateTimeOffset RaisedAt, DateTimeOffset Received)> Expect(string rule, string @event, DateTimeOffset sentAt)
    {
        var expectation = new Expectation(new(TaskCreationOptions.RunContinuationsAsynchronously), sentAt);
        _expected[Key(rule, @event)] = expectation;
        return expectation.Arrival.Task;
    }

    public void Forget(string rule, string @event) => _expected.TryRemove(Key(rule, @event), out _);

    /// <summary>The doctor's hub saw the event, raised at <paramref name="raisedAt"/> by the server's clock.</summary>
    public void Received(string rule, string @event, DateTimeOffset raisedAt, DateTimeOffset receivedAt)
    {
        if (_expected.TryGetValue(Key(rule, @event), out var waiting)) waiting.Arrival.TrySetResult((raisedAt, receivedAt));
    }

    /// <summary>
    /// An alert the doctor asked for after its hub reconnected (the hub's events while it was away are not sent again). It is
    /// the raise waited for only if raised after the probe sent what raises it: a rule's earlier alert is not that one.
    /// </summary>
    public void CaughtUpWith(string rule, DateTimeOffset raisedAt, DateTimeOffset receivedAt)
    {
        if (_expected.TryGetValue(Key(rule, "raised"), out var waiting) && raisedAt >= waiting.SentAt.AddMilliseconds(-1) // the server keeps whole ms
            && waiting.Arrival.TrySetResult((raisedAt, receivedAt)))
            Interlocked.Increment(ref _caughtUp);
    }

    private static string Key(string rule, string @event) => $"{rule}|{@event}";

    private sealed record Expectation(TaskCompletionSource<(DateTimeOffset RaisedAt, DateTimeOffset Received)> Arrival, DateTimeOffset SentAt);
}
