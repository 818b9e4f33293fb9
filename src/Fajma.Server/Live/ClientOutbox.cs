using Fajma.Core.Traffic;

namespace Fajma.Server.Live;

/// <summary>
/// What is waiting to go to one browser, one lane per traffic class (vital signs before device status), each paced
/// by its class's byte budget (<see cref="TrafficOptions"/>). Within a lane, readings are coalesced per key: when
/// the browser or its budget is slower than the sensors, a newer reading replaces the one not yet sent (counted as
/// shed), so a slow client sees the latest values and never stalls the server or grows without bound. One pump per
/// connection awaits each send, which is SignalR's own back-pressure. Alerts never come here (AlertNotifier).
/// </summary>
/// <remarks><paramref name="send"/> delivers one event to this connection (through the hub context in production).</remarks>
internal sealed class ClientOutbox
{
    private static readonly TrafficClass[] s_priority = [TrafficClass.VitalSigns, TrafficClass.DeviceStatus];

    /// <summary>
    /// The shortest wait for the byte budget. A shorter one rounds down to no timer at all, and the pump would spin on the
    /// clock until the budget refills a few bytes at a time (it did: a tenth of the server's CPU with one busy watcher).
    /// </summary>
    internal static readonly TimeSpan MinimumBudgetWait = TimeSpan.FromMilliseconds(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<TrafficClass, OutboxLane> _lanes;
    private readonly Func<string, object, Task> _send;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private bool _pumping;
    private long _coalesced;

    /// <summary>Called once the pump waits for its byte budget, its timer set: a test's fake clock may then move past it.</summary>
    internal Action? BudgetWaitStarted { get; init; }

    public ClientOutbox(string connectionId, Func<string, object, Task> send, ILogger logger, TrafficOptions? budgets = null, TimeProvider? time = null)
    {
        ConnectionId = connectionId;
        (_send, _logger, _time) = (send, logger, time ?? TimeProvider.System);
        budgets ??= new TrafficOptions { VitalSignsBytesPerSecond = 0, DeviceStatusBytesPerSecond = 0 };
        _lanes = s_priority.ToDictionary(c => c, c => new OutboxLane(budgets.BytesPerSecond(c), _time));
    }

    public string ConnectionId { get; }

    /// <summary>Readings replaced by a newer one before they could be sent.</summary>
    public long Coalesced => Interlocked.Read(ref _coalesced);

    public bool Enqueue(LiveKey key, string method, object payload) => Enqueue(TrafficClass.VitalSigns, key, method, payload, 0);

    /// <param name="bytes">The event's size on the wire, charged to the class's budget.</param>
    /// <returns>True when the payload replaced one not yet sent (a reading shed for a newer one).</returns>
    public bool Enqueue(TrafficClass trafficClass, LiveKey key, string method, object payload, int bytes)
    {
        bool replaced;
        lock (_lock)
        {
            replaced = _lanes[trafficClass].Put(key, method, payload, bytes);
            if (replaced) _coalesced++;
            if (_pumping) return replaced;
            _pumping = true;
        }
        // Started on the publishing thread: its first send needs no hand-off to the pool (a wake, on a machine where those
        // are most of a reading's cost; docs/performance.md, issue 15). What queued meanwhile goes on from the pool.
        _ = PumpAsync();
        return replaced;
    }

    private async Task PumpAsync()
    {
        var sends = 0;
        while (true)
        {
            (string Method, object Payload) item = default;
            var wait = TimeSpan.MaxValue;
            var found = false;
            lock (_lock)
            {
                foreach (var trafficClass in s_priority)
                {
                    if (_lanes[trafficClass].TryTake(out item, out var laneWait))
                    {
                        found = true;
                        break;
                    }
                    // Emptiness from the lane itself: a wait shorter than a tick reads as zero, and taking that for an empty
                    // lane ended the pump with readings still queued until the next one arrived.
                    if (!_lanes[trafficClass].IsEmpty && laneWait < wait) wait = laneWait;
                }
                if (!found && wait == TimeSpan.MaxValue)
                {
                    _pumping = false;
                    return;
                }
            }
            if (!found)
            {
                // Over budget: delayed; whatever arrives meanwhile replaces what waits (latest wins).
                var delay = Task.Delay(wait < MinimumBudgetWait ? MinimumBudgetWait : wait, _time);
                BudgetWaitStarted?.Invoke();
                await delay;
                continue;
            }
            // The publisher pays for one send at most: a busy screen's backlog is never drained on a device's critical path.
            if (++sends == 2) await Task.Yield();
            try
            {
                await _send(item.Method!, item.Payload!);
            }
#pragma warning disable CA1031 // A failed send to one browser must not end the pump; the connection's own close cleans up.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogDebug(e, "Send to {ConnectionId} failed", ConnectionId);
            }
        }
    }
}
