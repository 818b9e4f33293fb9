using Fajma.Core.Traffic;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Ingestion;

/// <summary>
/// The node's back-pressure: readings taken and not yet committed, against <see cref="IngestionOptions.MaxInFlight"/>.
/// Past a class's limit (<see cref="AdmissionLimit"/>) a reading is turned away before any work is spent on it — the
/// device hears "busy, retry after" and keeps it (HTTP 503, MQTT 5 quota exceeded) — or, where the protocol has no way to
/// say so without acknowledging (MQTT 3.1.1, the external broker's deliveries), it is taken and waits in the writer's
/// bounded queue, as before there was admission. So overload shows as devices slowing down, with memory bounded,
/// instead of as a queue whose readings time out.
/// </summary>
public sealed class IngestionAdmission(IOptions<IngestionOptions> options, IngestionMetrics metrics)
{
    private readonly int _maxInFlight = options.Value.MaxInFlight;
    private int _inFlight;

    /// <summary>Readings taken and not yet answered.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>What a turned-away device is told to wait before it sends again.</summary>
    public TimeSpan RetryAfter { get; } = options.Value.BusyRetryAfter;

    /// <summary>A place for one reading of the class, or null (counted as turned away) when the node is too busy for it.</summary>
    public Ticket? TryEnter(TrafficClass trafficClass, string transport)
    {
        if (Interlocked.Increment(ref _inFlight) <= AdmissionLimit.For(trafficClass, _maxInFlight)) return new Ticket(this);
        Release();
        metrics.TurnedAway(trafficClass, transport);
        return null;
    }

    /// <summary>
    /// Whether <paramref name="count"/> readings of the class would be taken now: for a batch answered as a whole, which is
    /// turned away whole rather than half taken (its readings then enter with <see cref="Enter"/>).
    /// </summary>
    public bool HasRoomFor(TrafficClass trafficClass, int count, string transport)
    {
        var now = InFlight;
        // A batch larger than the limit still goes through when nothing else is in flight: refusing it would be for ever.
        if (now == 0 || (long)now + count <= AdmissionLimit.For(trafficClass, _maxInFlight)) return true;
        metrics.TurnedAway(trafficClass, transport, count);
        return false;
    }

    /// <summary>
    /// Counts readings from senders that cannot be told to come back later without being acknowledged: they are taken
    /// whatever the load, and wait in the writer's bounded queue instead (their protocol's own window bounds how many).
    /// </summary>
    public Ticket Enter()
    {
        Interlocked.Increment(ref _inFlight);
        return new Ticket(this);
    }

    private void Release() => Interlocked.Decrement(ref _inFlight);

    /// <summary>A place among the readings in flight, given back once the reading is answered.</summary>
    public sealed class Ticket : IDisposable
    {
        private IngestionAdmission? _owner;

        internal Ticket(IngestionAdmission owner) => _owner = owner;

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release();
    }
}
