using Fajma.Core.Alerts;
using Fajma.Core.Follow;
using Fajma.Server.Alerts;
using Fajma.Server.Identity;
using Fajma.Server.Observations;
using Fajma.Server.Observations.Reads;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Followers;

/// <summary>
/// <c>/api/v1/following</c>: the follower's own view — the patients they follow, and of each only what the patient shares
/// (PatientVisibility.SharedWith): vitals within the window, open alerts. Every read is audited; their alert settings are theirs.
/// </summary>
public static class FollowingEndpoints
{
    public const int MaxReadings = 2000;

    public static IEndpointRouteBuilder MapFollowingEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/following").WithTags("Followers")
            .RequireAuthorization(Policies.Follower).RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", ListFollowed).WithSummary("The patients the caller follows, what each shares, the caller's alert settings.");
        group.MapGet("/{patientId:int}/vitals", GetVitals).WithSummary("A followed patient's vitals within the window they share, newest first.");
        group.MapGet("/{patientId:int}/alerts", GetAlerts).WithSummary("A followed patient's open alerts, if they share alerts.");
        group.MapPut("/{patientId:int}/alert-settings", SetAlertSettings).WithSummary("When the caller is paged about this patient: severities and a delay.");
        return app;
    }

    public static async Task<Ok<List<FollowedPatientDto>>> ListFollowed(CurrentUser user, FajmaDbContext db, HttpContext http, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var rows = await db.Follows.AsNoTracking().Where(f => f.FollowerUserId == user.Id && f.RevokedAt == null)
            .Join(db.Patients, f => f.PatientId, p => p.Id, (f, p) => new { Follow = f, p.DisplayName }).ToListAsync(cancellationToken);
        rows = [.. rows.OrderBy(r => r.DisplayName, StringComparer.InvariantCultureIgnoreCase)]; // names are sealed: sorted after reading
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.PatientsListed, detail: $"followed: {rows.Count}"), cancellationToken);
        return TypedResults.Ok(rows.Select(r => new FollowedPatientDto(r.Follow.PatientId, r.DisplayName, r.Follow.Relationship, r.Follow.ShareVitals,
            r.Follow.ShareAlerts, r.Follow.HistoryHours, new FollowerAlertSettingsDto(r.Follow.PageCritical, r.Follow.PageMajor, r.Follow.PageWarning,
                r.Follow.PageDelayMinutes))).ToList());
    }

    public static async Task<Results<Ok<List<ObservationDto>>, ProblemHttpResult>> GetVitals(int patientId, CurrentUser user, FajmaDbContext db,
        PatientKeys keys, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.FollowerVitalsRead, patientId), cancellationToken);
        // The window is the follow's, read with the grant in one query: a narrowed or revoked follow answers the next read.
        var hours = await db.Patients.Where(p => p.Id == patientId).SharedWith(user, db, FollowScope.Vitals)
            .Select(p => (int?)db.Follows.Where(f => f.PatientId == p.Id && f.FollowerUserId == user.Id && f.RevokedAt == null).Max(f => f.HistoryHours))
            .SingleOrDefaultAsync(cancellationToken);
        if (hours is not { } window) return PatientProblems.NotFound(patientId);
        var from = time.GetUtcNow().AddHours(-window);
        var rows = await db.Observations.Where(o => o.PatientId == patientId && o.MeasuredAt >= from)
            .OrderByDescending(o => o.MeasuredAt).ThenByDescending(o => o.Id).Take(MaxReadings).ReadAsync(keys, cancellationToken);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<List<FollowerAlertDto>>, ProblemHttpResult>> GetAlerts(int patientId, CurrentUser user, FajmaDbContext db,
        OpenAlerts open, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.FollowerAlertsRead, patientId), cancellationToken);
        if (!await db.Patients.Where(p => p.Id == patientId).SharedWith(user, db, FollowScope.Alerts).AnyAsync(cancellationToken))
            return PatientProblems.NotFound(patientId);
        var alerts = new List<FollowerAlertDto>();
        foreach (var alert in open.ForPatient(patientId))
            lock (alert.Gate)
                if (alert.Status != AlertStatus.Resolved) alerts.Add(ToDto(alert));
        return TypedResults.Ok(alerts.OrderByDescending(a => a.RaisedAt).ToList());
    }

    public static async Task<Results<Ok<FollowerAlertSettingsDto>, ValidationProblem, ProblemHttpResult>> SetAlertSettings(int patientId,
        FollowerAlertSettingsDto request, CurrentUser user, FajmaDbContext db, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!FollowerAlertSettings.IsValidDelay(request.DelayMinutes))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["delayMinutes"] = [$"0 to {FollowerAlertSettings.MaxDelayMinutes} minutes"] });
        var follow = await db.Follows.SingleOrDefaultAsync(f => f.PatientId == patientId && f.FollowerUserId == user.Id && f.RevokedAt == null, cancellationToken);
        if (follow is null) return PatientProblems.NotFound(patientId);
        (follow.PageCritical, follow.PageMajor, follow.PageWarning, follow.PageDelayMinutes) = (request.Critical, request.Major, request.Warning, request.DelayMinutes);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.FollowerSettingsChanged, patientId, $"follow:{follow.Id}",
            $"critical {request.Critical}, major {request.Major}, warning {request.Warning}, after {request.DelayMinutes} min"), cancellationToken);
        return TypedResults.Ok(request);
    }

    private static FollowerAlertDto ToDto(OpenAlert a) =>
        new(a.Id, a.Severity.ToString().ToLowerInvariant(), a.Status.ToString().ToLowerInvariant(), a.Content.Title, a.RaisedAt, a.Status == AlertStatus.Acknowledged);
}
