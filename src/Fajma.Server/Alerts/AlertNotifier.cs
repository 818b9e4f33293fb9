using Fajma.Core.Alerts;
using Fajma.Server.Live;
using Fajma.Server.Paging;
using Fajma.Server.Platform.Cluster;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Alerts;

/// <summary>
/// The alert lane to people: straight to the hub, around the per-browser outboxes that coalesce vitals, so an
/// alert never waits behind bulk fan-out (nor for the database). Whoever is subscribed to the patient (checked
/// against the care team at subscription) and every doctor paged receive it; administrators paged by escalation
/// receive it without its clinical content. Then the webhooks. Every node delivers to the browsers connected to
/// it and keeps its copy of the open alerts current (<see cref="OpenAlerts.Apply"/>); webhooks leave from the node
/// where it happened.
/// </summary>
public sealed partial class AlertNotifier
{
    private const string Topic = "alerts.change";
    private readonly IHubContext<MonitoringHub> _hub;
    private readonly LiveFeed _feed;
    private readonly OpenAlerts _open;
    private readonly AlertWebhook _webhooks;
    private readonly AlertMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<AlertNotifier> _logger;
    private readonly ClusterBus _bus;
    private readonly Pager _pager;

    public AlertNotifier(IHubContext<MonitoringHub> hub, LiveFeed feed, OpenAlerts open, AlertWebhook webhooks, AlertMetrics metrics, TimeProvider time,
        ILogger<AlertNotifier> logger, ClusterBus bus, Pager pager)
    {
        (_hub, _feed, _open, _webhooks, _metrics, _time, _logger, _bus, _pager) = (hub, feed, open, webhooks, metrics, time, logger, bus, pager);
        bus.Subscribe(Topic, AlertsJsonContext.Default.AlertChange, Deliver);
    }

    /// <param name="arrivedAt">When the message behind this event arrived, for the dispatch-latency histogram.</param>
    public AlertDto Notify(OpenAlert alert, string @event, DateTimeOffset? arrivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        AlertChange change;
        lock (alert.Gate) change = new AlertChange(alert.ToDto(@event), alert.Paged, alert.AdminsPaged, alert.CareTeam, alert.SourceMessageId);
        _bus.Publish(Topic, change, AlertsJsonContext.Default.AlertChange);
        _metrics.Sent(@event, arrivedAt is { } at ? _time.GetUtcNow() - at : null);
        _webhooks.Enqueue(change.Alert);
        if (PageFor(change, @event) is { } page) _pager.Enqueue(page);
        return change.Alert;
    }

    /// <summary>
    /// Who is paged outside the browser, from the node where it happened: on raise everyone paged; on escalation only
    /// those the new level adds (the next doctor, the admins); a reminder again to everyone paged (a push only).
    /// </summary>
    private static PageRequest? PageFor(AlertChange change, string @event)
    {
        var (dto, level) = (change.Alert, change.Alert.EscalationLevel);
        var reason = @event switch
        {
            AlertEvents.Raised => PageReason.Raised,
            AlertEvents.Escalated => PageReason.Escalated,
            AlertEvents.Reminder => PageReason.Reminder,
            _ => (PageReason?)null,
        };
        if (reason is null) return null;
        IReadOnlyList<int> doctors = change.Paged;
        var admins = change.AdminsPaged;
        if (reason == PageReason.Escalated && level > 0)
        {
            doctors = [.. change.Paged.Except(AlertEscalation.PagedDoctors(change.CareTeam, level - 1))];
            admins &= dto.PatientId is null || !AlertEscalation.PagesAdmins(change.CareTeam.Count, level - 1);
        }
        if (doctors.Count == 0 && !admins) return null;
        var severity = Enum.Parse<AlertSeverity>(dto.Severity, ignoreCase: true);
        return new PageRequest(dto.Id, level, severity, dto.Title, doctors, admins, reason.Value,
            AdminTitle: dto.PatientId is null ? null : dto.Redacted().Title);
    }

    /// <summary>
    /// After Redis was away (<see cref="AlertRecovery.ResyncAsync"/>): the browsers connected here hear the alert as this
    /// node now holds it, since they missed the bus meanwhile too. "updated" rings no one; their store keeps the newer state.
    /// </summary>
    public void TellHere(OpenAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        AlertChange change;
        lock (alert.Gate) change = new AlertChange(alert.ToDto("updated"), alert.Paged, alert.AdminsPaged, alert.CareTeam, alert.SourceMessageId);
        SendHere(change);
    }

    /// <summary>On every node: the copy of the open alerts follows, and the browsers connected here hear of it.</summary>
    private void Deliver(AlertChange change)
    {
        _open.Apply(change);
        SendHere(change);
    }

    private void SendHere(AlertChange change)
    {
        var (dto, paged, admins) = (change.Alert, change.Paged, change.AdminsPaged);
        var feed = _feed;
        var full = new HashSet<string>(StringComparer.Ordinal);
        if (dto.PatientId is { } patientId) full.UnionWith(feed.WatcherConnections(patientId));
        full.UnionWith(feed.ConnectionsOf(paged));
        if (dto.PatientId is null) full.UnionWith(feed.AdminConnections()); // a system alert holds no patient data
        Send([.. full], dto);
        if (dto.Event is AlertEvents.Raised or AlertEvents.Escalated) RecordReachedInApp(dto, paged);
        if (admins && dto.PatientId is not null) Send([.. feed.AdminConnections().Where(c => !full.Contains(c))], dto.Redacted());
    }

    private void Send(IReadOnlyList<string> connections, AlertDto dto)
    {
        // One connection at a time: every connection here is this node's, and the Redis backplane writes to a local
        // connection directly only when it is named alone (a list is published through Redis, so Redis away would
        // silence alerts on the very node that raised them). Not awaited: one slow browser must not hold the next
        // alert; SignalR writes each connection's messages in call order.
        foreach (var connection in connections)
        {
            _hub.Clients.Client(connection).SendAsync(MonitoringEvents.Alert, dto).ContinueWith(
                t => LogSendFailed(t.Exception!.GetBaseException(), dto.Id), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>A paged doctor with a Fajma tab open here was reached there: a receipt, so an unanswered page elsewhere does not escalate early.</summary>
    private void RecordReachedInApp(AlertDto dto, IReadOnlyList<int> paged)
    {
        foreach (var doctor in paged)
        {
            if (!_feed.ConnectionsOf([doctor]).Any()) continue;
            // Off the raising thread: SQLite's async calls run synchronously, so the insert waited here for the store's write
            // lock — holding the reading, the webhook and the pages queued after it behind the group commit (0.1–2.5 s under load).
            Task.Run(() => _pager.RecordAppAsync(dto.Id, dto.EscalationLevel, doctor, CancellationToken.None)).ContinueWith(
                t => LogSendFailed(t.Exception!.GetBaseException(), dto.Id), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending alert {AlertId} live failed")]
    private partial void LogSendFailed(Exception e, Guid alertId);
}
