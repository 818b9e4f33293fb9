using Fajma.Core.Alerts;
using Fajma.Server.Paging;
using Fajma.Server.Paging.Deliveries;
using Fajma.Server.Platform;
using Fajma.Server.Platform.Cluster;
using Fajma.Server.Privacy;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Alerts;

/// <summary>
/// Keeps unacknowledged alerts from being forgotten: reminds whoever is paged every <see cref="AlertOptions.ReminderEvery"/>,
/// and after each escalation step of the alert's severity pages the next doctor of the care team, then the admins.
/// Runs on the <see cref="TimeProvider"/>, so tests move time instead of sleeping. On a cluster every node sweeps
/// the same open alerts: each step and each reminder is claimed first (<see cref="ClusterClaims"/>), so it pages once.
/// </summary>
public sealed partial class AlertEscalator(OpenAlerts open, AlertEngine engine, AlertNotifier notifier, AlertJournal journal, AuditLog audit,
    ClusterClaims claims, DeviceAlertKeys deviceAlertKeys, IOptions<AlertOptions> options, IIntakeFacts intake, PageDeliveries deliveries,
    IOptions<PagingOptions> paging, TimeProvider time, ILogger<AlertEscalator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        var prunedAt = time.GetUtcNow();
        while (await timer.NextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
                if (time.GetUtcNow() - prunedAt > TimeSpan.FromHours(1))
                {
                    prunedAt = time.GetUtcNow();
                    deviceAlertKeys.Prune(prunedAt - intake.MaxMessageAge);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e);
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        foreach (var alert in open.All)
        {
            DateTimeOffset? escalateAt;
            bool remind;
            lock (alert.Gate)
            {
                if (alert.Status != AlertStatus.Raised) continue;
                escalateAt = AlertEscalation.NextAt(alert.RaisedAt, alert.EscalationLevel, alert.CareTeam.Count, settings.EscalateAfter(alert.Severity));
                alert.NextReminderAt ??= alert.RaisedAt + settings.ReminderEvery;
                remind = alert.NextReminderAt <= now;
            }
            if (escalateAt <= now)
            {
                await EscalateAsync(alert, now, early: false, cancellationToken);
            }
            else if (await PagesWentUnansweredAsync(alert, now, cancellationToken))
            {
                await EscalateAsync(alert, now, early: true, cancellationToken);
            }
            else if (remind)
            {
                lock (alert.Gate) alert.NextReminderAt = now + settings.ReminderEvery;
                var slot = (long)((now - alert.RaisedAt) / settings.ReminderEvery);
                if (await claims.TryClaimAsync($"alert:{alert.Id:N}:reminder:{slot}", settings.ReminderEvery)) notifier.Notify(alert, AlertEvents.Reminder);
            }
        }
    }

    /// <summary>
    /// The pages of the alert's current level reached no one — every attempt failed or stayed undelivered for
    /// <see cref="PagingOptions.UndeliveredAfter"/>, and no paged doctor had Fajma open — so the next level need not wait
    /// for the ladder's step. Nothing attempted (no channel configured) leaves the ladder alone to decide.
    /// </summary>
    private async Task<bool> PagesWentUnansweredAsync(OpenAlert alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var after = paging.Value.UndeliveredAfter;
        int level;
        lock (alert.Gate)
        {
            level = alert.EscalationLevel;
            if (level >= AlertEscalation.FinalLevel(alert.CareTeam.Count)) return false;
            // Level 0 paged as it was raised; a later level is set by EscalateAsync (or, after a restart, from now).
            if (alert.PageCheckLevel != level) (alert.PageCheckLevel, alert.PageCheckAt) = (level, (level == 0 ? alert.RaisedAt : now) + after);
            if (alert.PageCheckAt is not { } at || at > now) return false;
        }
        var outcome = await deliveries.LevelOutcomeAsync(alert.Id, level, cancellationToken);
        lock (alert.Gate)
        {
            if (alert.PageCheckLevel != level) return false;
            if (outcome is { Reached: false } unanswered && unanswered.FirstAt + after <= now) return true;
            alert.PageCheckAt = outcome is { Reached: false } pending ? pending.FirstAt + after : null;
        }
        return false;
    }

    private async Task EscalateAsync(OpenAlert alert, DateTimeOffset now, bool early, CancellationToken cancellationToken)
    {
        // The order as it is now (on call now and next, then the care team): a handover or a doctor joined since the raise counts.
        var order = alert.PatientId is { } id ? await engine.PagingOrderAsync(id, now, cancellationToken) : [];
        IReadOnlyList<int> careTeam;
        int level;
        lock (alert.Gate)
        {
            var due = AlertEscalation.NextAt(alert.RaisedAt, alert.EscalationLevel, alert.CareTeam.Count, options.Value.EscalateAfter(alert.Severity));
            if (alert.Status != AlertStatus.Raised || !(early || due <= now)) return;
            level = alert.EscalationLevel + 1;
        }
        // Another node may be sweeping the same alert this very second: the step belongs to whoever claims it. The claim
        // lapses after a minute, by when the winner's change has reached every node, unless the winner died before paging.
        if (!await claims.TryClaimAsync($"alert:{alert.Id:N}:escalation:{level}", TimeSpan.FromMinutes(1))) return;
        lock (alert.Gate)
        {
            // Checked again under the gate: two sweeps of this node (the timer's and a test's) must not escalate twice for one step.
            if (alert.Status != AlertStatus.Raised || alert.EscalationLevel >= level) return;
            alert.CareTeam = careTeam = CareTeamPaging.KeepingPaged(alert.Paged, order); // whoever was paged stays paged
            alert.EscalationLevel = level;
            (alert.PageCheckLevel, alert.PageCheckAt) = (level, now + paging.Value.UndeliveredAfter);
            alert.NextReminderAt = now + options.Value.ReminderEvery;
        }
        journal.Record(alert);
        notifier.Notify(alert, AlertEvents.Escalated);
        await audit.RecordAsync(new AuditRecord(AuditActions.AlertEscalated, null, "system", alert.PatientId, $"alert:{alert.Id}", null,
            $"level {level}: {(AlertEscalation.PagesAdmins(careTeam.Count, level) ? "admins paged" : "next doctor paged")}"
            + (early ? $" (the pages of level {level - 1} reached no one)" : "")), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert escalation sweep failed; retrying at the next tick")]
    private partial void LogSweepFailed(Exception e);
}
