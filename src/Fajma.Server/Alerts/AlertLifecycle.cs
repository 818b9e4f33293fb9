using Fajma.Core.Alerts;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;

namespace Fajma.Server.Alerts;

/// <summary>
/// What people do to alerts. A doctor of the patient's care team acknowledges ("I am on it": reminders and
/// escalation stop) and resolves by hand with a note; an administrator paged by escalation may acknowledge
/// (having reached someone) but resolves only system alerts. Each action is committed and audited before it
/// is answered, and every screen showing the alert hears of it.
/// </summary>
public sealed class AlertLifecycle(OpenAlerts open, AlertEngine engine, NoDataWatch silence, AlertNotifier notifier, AlertJournal journal, FajmaDbContext db,
    AuditLog audit, TimeProvider time)
{
    /// <param name="via">Where the acknowledgement came from when not the app (a push notification's button, a key on a call), for the audit trail.</param>
    public async Task<AlertAction> AcknowledgeAsync(Guid id, CurrentUser user, HttpContext http, CancellationToken cancellationToken, string? via = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await FindOpenAsync(id, user, acknowledging: true, cancellationToken) is not { } alert) return await RefusalAsync(id, user, cancellationToken);
        var name = await NameOfAsync(user.Id, cancellationToken);
        lock (alert.Gate)
        {
            // Acknowledged already (by this caller or another): the first acknowledgement stands.
            if (alert.Status != AlertStatus.Raised) return new AlertAction(alert.ToDto(AlertEvents.Acknowledged));
            (alert.Status, alert.AcknowledgedBy, alert.AcknowledgedByName, alert.AcknowledgedAt) = (AlertStatus.Acknowledged, user.Id, name, time.GetUtcNow());
        }
        await journal.RecordAsync(alert, cancellationToken);
        // The caller is the person acknowledging — from a page with no session, the one it reached.
        var actor = AuditActor.Of(http) with { Id = user.Id, Role = user.Role };
        await audit.RecordAsync(actor.Did(AuditActions.AlertAcknowledged, alert.PatientId, $"alert:{alert.Id}", via is null ? alert.Rule : $"{alert.Rule} (from {via})"),
            cancellationToken);
        return new AlertAction(notifier.Notify(alert, AlertEvents.Acknowledged));
    }

    /// <param name="outcome">Real (actionable) or not, as the doctor judged it; null from a client that does not ask (counted as unrated).</param>
    public async Task<AlertAction> ResolveAsync(Guid id, string note, AlertOutcome? outcome, CurrentUser user, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await FindOpenAsync(id, user, acknowledging: false, cancellationToken) is not { } alert) return await RefusalAsync(id, user, cancellationToken);
        var name = await NameOfAsync(user.Id, cancellationToken);
        lock (alert.Gate)
        {
            if (alert.Status == AlertStatus.Resolved) return AlertAction.Refused(AlertActionRefusal.Conflict, "the alert is already resolved");
            var now = time.GetUtcNow();
            if (alert.AcknowledgedAt is null) (alert.AcknowledgedBy, alert.AcknowledgedByName, alert.AcknowledgedAt) = (user.Id, name, now);
            (alert.Status, alert.ResolvedBy, alert.ResolvedByName, alert.ResolvedAt) = (AlertStatus.Resolved, user.Id, name, now);
            alert.Content = alert.Content with { Note = note };
            alert.Outcome = outcome;
        }
        open.Remove(alert);
        await engine.ForgetAsync(alert, cancellationToken);
        if (alert.Kind == AlertKind.NoData && alert.DeviceId is { } deviceId) silence.Excuse(deviceId);
        await journal.RecordAsync(alert, cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.AlertResolved, alert.PatientId, $"alert:{alert.Id}",
            outcome is null ? alert.Rule : $"{alert.Rule} {OpenAlert.OutcomeName(outcome)}"), cancellationToken);
        return new AlertAction(notifier.Notify(alert, AlertEvents.Resolved));
    }

    /// <summary>
    /// The open alert if the caller may act on it: a care-team doctor for a patient's alert; an admin for a system alert, or
    /// to acknowledge one paging admins; a doctor on call outside the care team, to acknowledge the alert paging them.
    /// </summary>
    private async Task<OpenAlert?> FindOpenAsync(Guid id, CurrentUser user, bool acknowledging, CancellationToken cancellationToken)
    {
        if (open.Find(id) is not { } alert) return null;
        if (alert.PatientId is not { } patientId) return user.IsAdmin ? alert : null;
        if (user.IsDoctor && await db.CanSeeAsync(user, patientId, cancellationToken)) return alert;
        bool paged;
        lock (alert.Gate) paged = user.IsDoctor ? alert.Paged.Contains(user.Id) : user.IsAdmin && alert.AdminsPaged;
        return acknowledging && paged ? alert : null;
    }

    /// <summary>Not open: resolved already (a conflict, for whoever may see it) or nothing the caller may see.</summary>
    private async Task<AlertAction> RefusalAsync(Guid id, CurrentUser user, CancellationToken cancellationToken)
    {
        var stored = await db.Alerts.FindAsync([id], cancellationToken);
        var visible = stored is not null && (stored.PatientId is { } p ? user.IsDoctor && await db.CanSeeAsync(user, p, cancellationToken) : user.IsAdmin);
        return visible && stored!.Status == AlertStatus.Resolved
            ? AlertAction.Refused(AlertActionRefusal.Conflict, "the alert is already resolved")
            : AlertAction.Refused(AlertActionRefusal.NotFound, $"alert {id} does not exist or is not yours to act on");
    }

    private async Task<string?> NameOfAsync(int userId, CancellationToken cancellationToken) =>
        (await db.Users.FindAsync([userId], cancellationToken))?.DisplayName;
}
