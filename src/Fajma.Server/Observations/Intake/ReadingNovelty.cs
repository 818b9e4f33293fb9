using System.Collections.Concurrent;
using Fajma.Core.Messages;
using Fajma.Server.Observations.Commit;

namespace Fajma.Server.Observations.Intake;

/// <summary>
/// Tells a new reading from one already seen before the alert engine sees it, since the engine runs ahead of the
/// group commit (alerts never wait for the store) and a redelivered or replayed reading must never move a rule.
/// New means: not stored, and not being stored right now by another copy of the same message. The in-flight claim
/// is held until the copy's write is over, so two copies racing each other cannot both count.
/// </summary>
public sealed class ReadingNovelty(StoredMessageKeys stored)
{
    // One node's in-flight set; several nodes sharing a broker also need the store's answer, which comes next.
    private readonly ConcurrentDictionary<(string DeviceId, string MessageKey), byte> _inFlight = new();

    public async ValueTask<Claim> ClaimAsync(DeviceReading reading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var key = (reading.DeviceId, reading.MessageKey);
        if (!_inFlight.TryAdd(key, 0)) return new Claim(null, key, IsNew: false);
        try
        {
            return new Claim(this, key, IsNew: !await stored.ContainsAsync(reading.DeviceId, reading.MessageKey, cancellationToken));
        }
        catch
        {
            _inFlight.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>Held while the reading is written; disposing it lets the next copy ask the store.</summary>
    public readonly record struct Claim(ReadingNovelty? Owner, (string DeviceId, string MessageKey) Key, bool IsNew) : IDisposable
    {
        /// <summary>For what moves no rule (status, history): nothing to claim.</summary>
        public static Claim NotNeeded => new(null, default, IsNew: true);

        public void Dispose() => Owner?._inFlight.TryRemove(Key, out _);
    }
}
