using Fajma.Core.Consultations;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Consultations;

/// <summary>
/// Sends the reminders due (<see cref="VisitReminderSchedule"/>: a day and ten minutes before), derived at each tick
/// from the stored visits, so a restart loses none and a cancelled visit (no longer scheduled) gets none. Each
/// reminder is claimed by a conditional update of the visit row before it leaves: on a cluster one node wins it, and
/// the claim names the visit time, so a moved visit gets reminders for its new time.
/// </summary>
public sealed partial class VisitReminders(IDbContextFactory<FajmaDbContext> store, VisitMail mail, AuditLog audit, IOptions<ConsultationOptions> options,
    TimeProvider time, ILogger<VisitReminders> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReminderInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e); // the store unreachable: the reminders are still due at the next tick
            }
        }
        while (await timer.NextTickAsync(stoppingToken));
    }

    /// <summary>Sends what is due now; returns how many reminders this node sent.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var horizon = now + VisitReminderSchedule.Horizon;
        var visits = await db.Consultations.AsNoTracking()
            .Where(c => c.State == ConsultationState.Scheduled && c.ScheduledAt > now && c.ScheduledAt <= horizon).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var visit in visits)
        {
            var due = VisitReminderSchedule.Due(visit.ScheduledAt, visit.AnnouncedAt, now,
                r => (r == VisitReminder.DayBefore ? visit.DayReminderSentFor : visit.SoonReminderSentFor) == visit.ScheduledAt);
            if (due is not { } reminder || !await ClaimAsync(db, visit, reminder, cancellationToken)) continue;
            await mail.RemindAsync(await VisitInvitationReads.LoadAsync(db, visit, options.Value, cancellationToken), reminder, cancellationToken);
            await audit.RecordAsync(new AuditRecord(AuditActions.ConsultationReminderSent, null, "system", visit.PatientId, $"consultation:{visit.Id}", null,
                ConsultationStateMachine.Name(reminder)), cancellationToken);
            sent++;
        }
        return sent;
    }

    /// <summary>Marks the reminder sent for this visit time, if it still is scheduled then and nobody marked it: true for the one winner.</summary>
    private static async Task<bool> ClaimAsync(FajmaDbContext db, Consultation visit, VisitReminder reminder, CancellationToken cancellationToken)
    {
        var at = visit.ScheduledAt;
        var still = db.Consultations.Where(c => c.Id == visit.Id && c.State == ConsultationState.Scheduled && c.ScheduledAt == at);
        var claimed = reminder == VisitReminder.DayBefore
            ? await still.Where(c => c.DayReminderSentFor == null || c.DayReminderSentFor != at)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.DayReminderSentFor, at), cancellationToken)
            : await still.Where(c => c.SoonReminderSentFor == null || c.SoonReminderSentFor != at)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.SoonReminderSentFor, at), cancellationToken);
        return claimed == 1;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Visit reminder sweep failed; retrying at the next tick")]
    private partial void LogSweepFailed(Exception e);
}
