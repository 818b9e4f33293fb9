using System.Collections.Concurrent;
using System.Collections.Immutable;
using Fajma.Server.Platform.Cluster;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Live;

/// <summary>
/// Who watches which patient on this node, and delivery to them. Features publish their <see cref="LiveChannel"/>s (vitals
/// after the commit, NEWS2, device status) through the <see cref="ClusterBus"/>: each node delivers to its own watchers,
/// so a doctor on any node sees what any node took.
/// Each watcher's <see cref="ClientOutbox"/> paces each traffic class to its budget and coalesces for slow browsers.
/// </summary>
public sealed class LiveFeed
{
    private readonly IHubContext<MonitoringHub> _hub;
    private readonly ITrafficShedding _shedding;
    private readonly IOptions<TrafficOptions> _budgets;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveFeed> _logger;
    private readonly ClusterBus _bus;
    private readonly LiveMetrics _metrics;
    private readonly ImmutableHashSet<LiveChannel> _channels;
    private readonly ConcurrentDictionary<int, ImmutableArray<ClientOutbox>> _watchers = new();
    private readonly ConcurrentDictionary<string, ClientOutbox> _outboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableHashSet<int>> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LiveViewer> _users = new(StringComparer.Ordinal);

    public LiveFeed(IHubContext<MonitoringHub> hub, ITrafficShedding shedding, IOptions<TrafficOptions> budgets,
        TimeProvider time, ILogger<LiveFeed> logger, ClusterBus bus, IEnumerable<LiveChannel> channels, LiveMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(channels);
        (_hub, _shedding, _budgets, _time, _logger, _bus, _metrics) = (hub, shedding, budgets, time, logger, bus, metrics);
        _channels = [.. channels];
        foreach (var channel in _channels) channel.Attach(this, bus);
    }

    /// <summary>Who holds a connection: alerts page doctors and admins wherever they are in the app, subscribed or not.</summary>
    public void Connect(string connectionId, LiveViewer viewer) => _users[connectionId] = viewer;

    public IEnumerable<string> ConnectionsOf(IReadOnlyCollection<int> userIds) =>
        _users.Where(u => userIds.Contains(u.Value.UserId)).Select(u => u.Key);

    public IEnumerable<string> AdminConnections() => _users.Where(u => u.Value.IsAdmin).Select(u => u.Key);

    /// <summary>Connections subscribed to the patient: each was checked against the care team when it subscribed.</summary>
    public IEnumerable<string> WatcherConnections(int patientId) =>
        _watchers.TryGetValue(patientId, out var list) ? list.Select(o => o.ConnectionId) : [];

    public void Subscribe(string connectionId, int patientId)
    {
        var outbox = _outboxes.GetOrAdd(connectionId, id =>
        {
            var client = _hub.Clients.Client(id);
            return new ClientOutbox(id, (method, payload) => client.SendAsync(method, payload), _logger, _budgets.Value, _time);
        });
        var added = false;
        _subscriptions.AddOrUpdate(connectionId, _ => { added = true; return [patientId]; },
            (_, set) => { added = !set.Contains(patientId); return set.Add(patientId); });
        if (added) _watchers.AddOrUpdate(patientId, _ => [outbox], (_, list) => list.Add(outbox));
    }

    public void Unsubscribe(string connectionId, int patientId)
    {
        if (!_outboxes.TryGetValue(connectionId, out var outbox)) return;
        _subscriptions.AddOrUpdate(connectionId, _ => [], (_, set) => set.Remove(patientId));
        _watchers.AddOrUpdate(patientId, _ => [], (_, list) => list.Remove(outbox));
    }

    public void Disconnect(string connectionId)
    {
        _users.TryRemove(connectionId, out _);
        if (!_outboxes.TryRemove(connectionId, out var outbox)) return;
        if (!_subscriptions.TryRemove(connectionId, out var patients)) return;
        foreach (var patientId in patients) _watchers.AddOrUpdate(patientId, _ => [], (_, list) => list.Remove(outbox));
    }

    public int WatcherCount(int patientId) => _watchers.TryGetValue(patientId, out var list) ? list.Length : 0;

    /// <summary>To every node's watchers of the item's patient, through their outboxes.</summary>
    public void Publish<T>(LiveChannel<T> channel, T item) where T : class
    {
        ArgumentNullException.ThrowIfNull(channel);
        // A channel no node listens to would lose every event in silence: its feature must register it.
        if (!_channels.Contains(channel)) throw new InvalidOperationException($"live channel {channel.HubEvent} is not registered as a {nameof(LiveChannel)} service");
        channel.Publish(_bus, item);
    }

    internal void Deliver<T>(LiveChannel<T> channel, T item) where T : class
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!_watchers.TryGetValue(channel.PatientOf(item), out var watchers) || watchers.IsEmpty) return;
        var key = channel.KeyOf(item);
        var bytes = channel.Bytes(item, _budgets.Value);
        _metrics.Queued((long)bytes * watchers.Length);
        foreach (var outbox in watchers)
            if (outbox.Enqueue(channel.Traffic, key, channel.HubEvent, item, bytes) && channel.CountsShed) _shedding.Shed(channel.Traffic);
    }
}
