using Fajma.Core.Alerts;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts.Profiles;

/// <summary>
/// <c>GET /api/v1/patients/{patientId}/alarm-burden?days=7</c>: per rule, how often it fired and how often it was real —
/// shown beside the limits so a doctor tunes the ones that mostly page for nothing (87–99 % of monitor alarms are not
/// actionable in published ward and PICU studies). Counted from the alerts as stored, what the journal still holds flushed first.
/// </summary>
public static class AlarmBurden
{
    public const int MaxDays = 90;

    public static IEndpointRouteBuilder MapAlarmBurdenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/patients/{patientId:int}/alarm-burden", GetBurden).WithTags("Alarm profiles").RequireAuthorization(Policies.Doctor)
            .RequireRateLimiting(RateLimiting.User).WithSummary("Per rule over the last days: fired, resolved as actionable or not, by the values, median time to acknowledge.");
        return app;
    }

    public static async Task<Results<Ok<AlarmBurdenDto>, ProblemHttpResult, ValidationProblem>> GetBurden(int patientId, CurrentUser user, FajmaDbContext db,
        AlertJournal journal, AuditLog audit, HttpContext http, TimeProvider time, CancellationToken cancellationToken, int days = 7)
    {
        if (days is < 1 or > MaxDays) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"must be from 1 to {MaxDays}"] });
        if (!await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.AlarmBurdenRead, patientId, "alarm-burden", $"days={days}"), cancellationToken);
        await journal.FlushAsync(cancellationToken);
        var since = time.GetUtcNow() - TimeSpan.FromDays(days);
        var rows = await db.Alerts.AsNoTracking().Where(a => a.PatientId == patientId && a.RaisedAt >= since)
            .Select(a => new { a.Rule, a.Kind, a.Status, a.Outcome, a.ResolvedBy, a.RaisedAt, a.AcknowledgedAt }).ToListAsync(cancellationToken);
        var rules = rows.GroupBy(r => r.Rule).Select(g => new RuleBurdenDto(g.Key, OpenAlert.Name(g.First().Kind), g.Count(),
                g.Count(r => r.Outcome == AlertOutcome.Actionable), g.Count(r => r.Outcome == AlertOutcome.NotActionable),
                g.Count(r => r.Status == AlertStatus.Resolved && r.ResolvedBy is null), g.Count(r => r.Status != AlertStatus.Resolved),
                Median([.. g.Where(r => r.AcknowledgedAt is not null).Select(r => (r.AcknowledgedAt!.Value - r.RaisedAt).TotalSeconds)])))
            .OrderByDescending(r => r.Fired).ThenBy(r => r.Rule, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new AlarmBurdenDto(patientId, days, since, rules));
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count); null for none.</summary>
    public static double? Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
