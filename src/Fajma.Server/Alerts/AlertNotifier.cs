using Fajma.Server.Monitoring;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Alerts;

/// <summary>
/// The alert lane to people: straight to the hub, around the per-browser outboxes that coalesce vitals, so an
/// alert never waits behind bulk fan-out (nor for the database). Whoever is subscribed to the patient (checked
/// against the care team at subscription) and every doctor paged receive it; administrators paged by escalation
/// receive it without its clinical content. Then the webhooks.
/// </summary>
public sealed partial class AlertNotifier(IHubContext<MonitoringHub> hub, LiveFeed feed, AlertWebhook webhooks, AlertMetrics metrics, TimeProvider time,
    ILogger<AlertNotifier> logger)
{
    /// <param name="arrivedAt">When the message behind this event arrived, for the dispatch-latency histogram.</param>
    public AlertDto Notify(OpenAlert alert, string @event, DateTimeOffset? arrivedAt = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        AlertDto dto;
        IReadOnlyList<int> paged;
        bool admins;
        lock (alert.Gate) (dto, paged, admins) = (alert.ToDto(@event), alert.Paged, alert.AdminsPaged);

        var full = new HashSet<string>(StringComparer.Ordinal);
        if (dto.PatientId is { } patientId) full.UnionWith(feed.WatcherConnections(patientId));
        full.UnionWith(feed.ConnectionsOf(paged));
        if (dto.PatientId is null) full.UnionWith(feed.AdminConnections()); // a system alert holds no patient data
        Send([.. full], dto);
        if (admins && dto.PatientId is not null) Send([.. feed.AdminConnections().Where(c => !full.Contains(c))], dto.Redacted());

        metrics.Sent(@event, arrivedAt is { } at ? time.GetUtcNow() - at : null);
        webhooks.Enqueue(dto);
        return dto;
    }

    private void Send(IReadOnlyList<string> connections, AlertDto dto)
    {
        if (connections.Count == 0) return;
        // Not awaited: one slow browser must not hold the next alert. SignalR writes each connection's messages in call order.
        hub.Clients.Clients(connections).SendAsync(MonitoringEvents.Alert, dto).ContinueWith(
            t => LogSendFailed(t.Exception!.GetBaseException(), dto.Id), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending alert {AlertId} live failed")]
    private partial void LogSendFailed(Exception e, Guid alertId);
}
