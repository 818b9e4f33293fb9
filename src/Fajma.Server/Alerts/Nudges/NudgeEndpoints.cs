using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts.Nudges;

/// <summary>
/// <c>/api/v1/patients/{id}/nudges</c>: the patient's recent nudges, for the patient and their care team (a guest or an
/// admin sees none); the patient dismisses one they have seen.
/// </summary>
public static class NudgeEndpoints
{
    private const int Recent = 20;

    public static IEndpointRouteBuilder MapNudgeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/patients/{patientId:int}/nudges").WithTags("Nudges").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", ListNudges).WithSummary("The patient's latest nudges, newest first (open only with ?open=true).");
        group.MapPost("/{nudgeId:guid}/dismiss", Dismiss).WithSummary("The patient has seen this nudge: its banner goes; it stays open until put right.");
        return app;
    }

    public static async Task<Results<Ok<List<NudgeDto>>, ProblemHttpResult>> ListNudges(int patientId, CurrentUser user, FajmaDbContext db, AuditLog audit,
        HttpContext http, CancellationToken cancellationToken, bool open = false)
    {
        var nudges = Visible(patientId, user, db);
        if (open) nudges = nudges.Where(n => n.ClearedAt == null);
        var rows = await nudges.OrderByDescending(n => n.RaisedAt).Take(Recent)
            .Select(n => new { Nudge = n, Type = db.Devices.Where(d => d.Id == n.DeviceId).Select(d => d.Type).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 && !await CanSeeAsync(patientId, user, db, cancellationToken)) return PatientProblems.NotFound(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.NudgesRead, patientId, detail: open ? "open" : null), cancellationToken);
        return TypedResults.Ok(rows.Select(r => ToDto(r.Nudge, r.Type)).ToList());
    }

    public static async Task<Results<Ok<NudgeDto>, ProblemHttpResult>> Dismiss(int patientId, Guid nudgeId, CurrentUser user, FajmaDbContext db, AuditLog audit,
        HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.Role != Roles.Patient || !await CanSeeAsync(patientId, user, db, cancellationToken)) return PatientProblems.NotFound(patientId);
        var nudge = await Visible(patientId, user, db).AsTracking().FirstOrDefaultAsync(n => n.Id == nudgeId, cancellationToken);
        if (nudge is null)
            return TypedResults.Problem(title: "Nudge not found", detail: $"nudge {nudgeId} of patient {patientId} does not exist", statusCode: StatusCodes.Status404NotFound);
        nudge.DismissedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.NudgeDismissed, patientId, $"nudge:{nudgeId}"), cancellationToken);
        var type = await db.Devices.Where(d => d.Id == nudge.DeviceId).Select(d => d.Type).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(ToDto(nudge, type));
    }

    /// <summary>The patient's nudges, filtered in the query: the patient themself or their care team, nobody else.</summary>
    private static IQueryable<Nudge> Visible(int patientId, CurrentUser user, FajmaDbContext db)
    {
        var patient = db.Patients.Where(p => p.Id == patientId).VisibleTo(user, db);
        var allowed = user.Role is Roles.Patient or Roles.Doctor;
        return db.Nudges.AsNoTracking().Where(n => n.PatientId == patientId && allowed && patient.Any());
    }

    private static async Task<bool> CanSeeAsync(int patientId, CurrentUser user, FajmaDbContext db, CancellationToken cancellationToken) =>
        user.Role is Roles.Patient or Roles.Doctor && await db.CanSeeAsync(user, patientId, cancellationToken);

    private static NudgeDto ToDto(Nudge n, string? deviceType) => new(n.Id, n.PatientId, n.DeviceId, deviceType, NudgeDto.KindName(n.Kind), n.Battery,
        n.RaisedAt, n.PushedAt, n.ClearedAt, n.EscalatedAt, n.DismissedAt);
}
