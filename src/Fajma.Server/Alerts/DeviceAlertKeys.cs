using System.Collections.Concurrent;

namespace Fajma.Server.Alerts;

/// <summary>
/// The message ids of device alerts already taken, in memory, so a redelivered CRITICAL_ALERT is recognised without
/// a database read on the alert path. Filled at start with those still young enough to be accepted again
/// (<see cref="Ingestion.IngestionOptions.MaxMessageAge"/>); older ones are refused by the clock check anyway.
/// </summary>
public sealed class DeviceAlertKeys
{
    private readonly ConcurrentDictionary<(string DeviceId, string MessageKey), DateTimeOffset> _taken = new();

    /// <summary>True the first time a device's message id is seen; false for a redelivery.</summary>
    public bool TryTake(string deviceId, string messageKey, DateTimeOffset receivedAt) => _taken.TryAdd((deviceId, messageKey), receivedAt);

    /// <summary>Forgets ids older than <paramref name="cutoff"/>: a message that old is refused before it gets here.</summary>
    public void Prune(DateTimeOffset cutoff)
    {
        foreach (var (key, at) in _taken)
            if (at < cutoff) _taken.TryRemove(key, out _);
    }
}
