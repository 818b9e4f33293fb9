using System.Collections.Concurrent;
using System.Collections.Immutable;
using Fajma.Core.Traffic;
using Fajma.Server.Platform;
using Fajma.Server.Platform.Cluster;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Monitoring;

/// <summary>
/// Who watches which patient on this node, and delivery to them. Ingestion publishes after the commit, through the
/// <see cref="ClusterBus"/>: each node delivers to its own watchers, so a doctor on any node sees what any node took.
/// Each watcher's <see cref="ClientOutbox"/> paces each traffic class to its budget and coalesces for slow browsers.
/// </summary>
public sealed class LiveFeed
{
    private const string ObservationTopic = "live.observation", News2Topic = "live.news2", StatusTopic = "live.status";
    private readonly IHubContext<MonitoringHub> _hub;
    private readonly Alerts.AlertMetrics _metrics;
    private readonly Microsoft.Extensions.Options.IOptions<TrafficOptions> _budgets;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveFeed> _logger;
    private readonly ClusterBus _bus;
    private readonly ConcurrentDictionary<int, ImmutableArray<ClientOutbox>> _watchers = new();
    private readonly ConcurrentDictionary<string, ClientOutbox> _outboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableHashSet<int>> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Identity.CurrentUser> _users = new(StringComparer.Ordinal);

    public LiveFeed(IHubContext<MonitoringHub> hub, Alerts.AlertMetrics metrics, Microsoft.Extensions.Options.IOptions<TrafficOptions> budgets,
        TimeProvider time, ILogger<LiveFeed> logger, ClusterBus bus)
    {
        (_hub, _metrics, _budgets, _time, _logger, _bus) = (hub, metrics, budgets, time, logger, bus);
        bus.Subscribe(ObservationTopic, ServerJsonContext.Default.ObservationDto, DeliverObservation);
        bus.Subscribe(News2Topic, ServerJsonContext.Default.News2Dto, DeliverNews2);
        bus.Subscribe(StatusTopic, ServerJsonContext.Default.DeviceStatusDto, DeliverDeviceStatus);
    }

    /// <summary>Who holds a connection: alerts page doctors and admins wherever they are in the app, subscribed or not.</summary>
    public void Connect(string connectionId, Identity.CurrentUser user) => _users[connectionId] = user;

    public IEnumerable<string> ConnectionsOf(IReadOnlyCollection<int> userIds) =>
        _users.Where(u => userIds.Contains(u.Value.Id)).Select(u => u.Key);

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

    public void PublishObservation(ObservationDto observation) => _bus.Publish(ObservationTopic, observation, ServerJsonContext.Default.ObservationDto);

    /// <summary>A patient's NEWS2 changed; coalesced like vitals (the latest score is the one that matters).</summary>
    public void PublishNews2(Alerts.News2Dto news2) => _bus.Publish(News2Topic, news2, ServerJsonContext.Default.News2Dto);

    public void PublishDeviceStatus(DeviceStatusDto status) => _bus.Publish(StatusTopic, status, ServerJsonContext.Default.DeviceStatusDto);

    private void DeliverObservation(ObservationDto observation)
    {
        if (!_watchers.TryGetValue(observation.PatientId, out var watchers) || watchers.IsEmpty) return;
        var key = $"o:{observation.PatientId}:{observation.DeviceId}:{observation.Type}";
        // Sized only when the class has a budget to charge it to: no extra serialization on the hot path otherwise.
        var bytes = _budgets.Value.VitalSignsBytesPerSecond > 0
            ? System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(observation, ServerJsonContext.Default.ObservationDto).Length : 0;
        foreach (var outbox in watchers)
            if (outbox.Enqueue(TrafficClass.VitalSigns, key, MonitoringEvents.Observation, observation, bytes)) _metrics.Shed(TrafficClass.VitalSigns);
    }

    private void DeliverNews2(Alerts.News2Dto news2)
    {
        ArgumentNullException.ThrowIfNull(news2);
        if (!_watchers.TryGetValue(news2.PatientId, out var watchers) || watchers.IsEmpty) return;
        var key = $"n:{news2.PatientId}";
        foreach (var outbox in watchers) outbox.Enqueue(TrafficClass.VitalSigns, key, MonitoringEvents.News2, news2, 512);
    }

    private void DeliverDeviceStatus(DeviceStatusDto status)
    {
        if (!_watchers.TryGetValue(status.PatientId, out var watchers) || watchers.IsEmpty) return;
        var key = $"s:{status.DeviceId}";
        var bytes = _budgets.Value.DeviceStatusBytesPerSecond > 0
            ? System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(status, ServerJsonContext.Default.DeviceStatusDto).Length : 0;
        foreach (var outbox in watchers)
            if (outbox.Enqueue(TrafficClass.DeviceStatus, key, MonitoringEvents.DeviceStatus, status, bytes)) _metrics.Shed(TrafficClass.DeviceStatus);
    }
}
