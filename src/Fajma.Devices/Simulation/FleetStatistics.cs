using System.Collections.Concurrent;

namespace Fajma.Devices.Simulation;

/// <summary>Running counts of a simulated fleet; safe to read while it runs.</summary>
public sealed class FleetStatistics
{
    private long _sent;
    private long _accepted;
    private long _refused;
    private long _errors;
    private long _turnedAway;
    private long _missedTicks;

    public long Sent => Interlocked.Read(ref _sent);

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Answers "busy, send again later" from an overloaded server; the message was sent again after the delay it asked.</summary>
    public long TurnedAway => Interlocked.Read(ref _turnedAway);

    internal void CountTurnedAway() => Interlocked.Increment(ref _turnedAway);

    /// <summary>Transport failures (connection lost, timeout); the message was retried.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Ticks skipped because the previous message was still waiting for its acknowledgement.</summary>
    public long MissedTicks => Interlocked.Read(ref _missedTicks);

    public string? LastRefusal { get; private set; }

    internal void CountSent() => Interlocked.Increment(ref _sent);

    internal void CountAccepted() => Interlocked.Increment(ref _accepted);

    internal void CountRefused(string reason)
    {
        Interlocked.Increment(ref _refused);
        LastRefusal = reason;
    }

    /// <summary>The last transport failure, for the operator to see what went wrong.</summary>
    public string? LastError { get; private set; }

    private readonly Tally _errorKinds = new();

    /// <summary>
    /// Transport failures by exception type, with the first of each (and what caused it): a timeout that dropped the
    /// connection and the sends refused after it read apart.
    /// </summary>
    public IReadOnlyList<(string Kind, long Count, string First)> ErrorsByKind => _errorKinds.ByKind;

    internal void CountError(Exception error)
    {
        Interlocked.Increment(ref _errors);
        _errorKinds.Add(error);
        LastError = $"{error.GetType().Name}: {error.Message}";
    }

    private long _connectFailures;
    private readonly Tally _connectFailureKinds = new();

    /// <summary>Failed attempts at a device's first connection (each tried again after a backoff): what slows a fleet coming up.</summary>
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);

    /// <summary>Failed first connections by exception type, with the first of each.</summary>
    public IReadOnlyList<(string Kind, long Count, string First)> ConnectFailuresByKind => _connectFailureKinds.ByKind;

    internal void CountConnectFailure(Exception error)
    {
        Interlocked.Increment(ref _connectFailures);
        _connectFailureKinds.Add(error);
    }

    internal void CountMissedTicks(long ticks) => Interlocked.Add(ref _missedTicks, ticks);

    /// <summary>Failures counted by exception type, keeping the first message of each (and what caused it).</summary>
    private sealed class Tally
    {
        private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _first = new(StringComparer.Ordinal);

        public IReadOnlyList<(string Kind, long Count, string First)> ByKind =>
            [.. _counts.Select(k => (k.Key, k.Value, _first.GetValueOrDefault(k.Key, ""))).OrderByDescending(k => k.Value)];

        public void Add(Exception error)
        {
            var kind = error.GetType().Name;
            _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
            _first.TryAdd(kind, error.InnerException is { } cause ? $"{error.Message} ← {cause.GetType().Name}: {cause.Message}" : error.Message);
        }
    }
}
