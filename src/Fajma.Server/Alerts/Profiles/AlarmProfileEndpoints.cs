using Fajma.Core.Alerts;
using Fajma.Core.Messages;
using Fajma.Core.Vitals;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts.Profiles;

/// <summary>
/// <c>/api/v1/patients/{patientId}/alarm-profile</c>: a doctor of the care team edits the patient's alarm profile and
/// snoozes rules; the patient reads their own. Every read and change audited; a change is all or nothing and reaches
/// the alert path of every node before the next reading (<see cref="AlarmProfiles"/>).
/// </summary>
public static class AlarmProfileEndpoints
{
    public static IEndpointRouteBuilder MapAlarmProfileEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/patients/{patientId:int}/alarm-profile").WithTags("Alarm profiles").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", GetProfile).WithSummary("The patient's alarm profile: night limits, delays, trend rules, device-off periods and running snoozes.");
        group.MapPut("/", SetProfile).RequireAuthorization(Policies.Doctor).WithSummary("Replaces the patient's alarm profile, day limits included; all or nothing.");
        group.MapPost("/snoozes", Snooze).RequireAuthorization(Policies.Doctor).WithSummary("Snoozes one rule until a time at most 24 h away; critical rules cannot be snoozed.");
        group.MapDelete("/snoozes/{id:int}", Unsnooze).RequireAuthorization(Policies.Doctor).WithSummary("Lifts a snooze before it expires.");
        return app;
    }

    /// <summary>A doctor of the care team, or the patient themself (a guest of a consultation sees vitals, not alarm settings).</summary>
    private static async Task<bool> MayReadAsync(FajmaDbContext db, CurrentUser user, int patientId, CancellationToken cancellationToken) =>
        (user.IsDoctor || user.PatientId == patientId) && await db.CanSeeAsync(user, patientId, cancellationToken);

    public static async Task<Results<Ok<AlarmProfileDto>, ProblemHttpResult>> GetProfile(int patientId, CurrentUser user, FajmaDbContext db, AuditLog audit,
        HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await MayReadAsync(db, user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.AlarmProfileRead, patientId, "alarm-profile"), cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, patientId, time.GetUtcNow(), cancellationToken));
    }

    public static async Task<Results<Ok<AlarmProfileDto>, ProblemHttpResult, ValidationProblem>> SetProfile(int patientId, AlarmProfileRequest request,
        CurrentUser user, FajmaDbContext db, AlarmProfiles profiles, AuditLog audit, HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!user.IsDoctor || !await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        if (request is null) return Invalid([new FieldError("body", "is required")]);
        var (profile, days, problems) = AlarmProfileMapping.Parse(request);
        if (problems.Count > 0) return Invalid(problems);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        // One SaveChanges: the profile and the day limits commit together or not at all.
        {
            var row = await db.AlarmProfiles.FindAsync([patientId], cancellationToken);
            if (row is null) db.AlarmProfiles.Add(row = new PatientAlarmProfile { PatientId = patientId, TimeZone = "", Document = "" });
            (row.TimeZone, row.NightStart, row.NightEnd, row.Document, row.SetBy, row.SetAt) =
                (profile.TimeZone, profile.NightStart.Hour * 60 + profile.NightStart.Minute, profile.NightEnd.Hour * 60 + profile.NightEnd.Minute,
                 AlarmProfileMapping.Document(profile), user.Id, now);
            var types = days.Select(d => d.Type).ToList();
            var thresholds = await db.AlertThresholds.Where(t => t.PatientId == patientId && types.Contains(t.Type)).ToDictionaryAsync(t => t.Type, cancellationToken);
            foreach (var day in days)
            {
                var existing = thresholds.GetValueOrDefault(day.Type);
                if (existing is null) db.AlertThresholds.Add(existing = new PatientAlertThreshold { PatientId = patientId, Type = day.Type });
                (existing.Low, existing.High, existing.SetBy, existing.SetAt) = (day.Low, day.High, user.Id, now);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        profiles.Changed(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.AlarmProfileSet, patientId, "alarm-profile",
            $"night {request.NightStart}-{request.NightEnd} {profile.TimeZone}; {profile.Limits.Count} signs, {profile.Trends.Count} trends, {profile.DeviceOff.Count} device-off"), cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, patientId, now, cancellationToken));
    }

    public static async Task<Results<Created<AlarmSnoozeDto>, ProblemHttpResult, ValidationProblem>> Snooze(int patientId, SnoozeRequest request, CurrentUser user,
        FajmaDbContext db, AlertEngine engine, AlarmProfiles profiles, AuditLog audit, HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!user.IsDoctor || !await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        if (string.IsNullOrWhiteSpace(request?.Rule)) return Invalid([new FieldError("rule", "is required: the rule's key, e.g. trend:spo2:down")]);
        if (request.Until is not { } until) return Invalid([new FieldError("until", "is required")]);
        var now = time.GetUtcNow();
        var watch = await engine.WatchAsync(patientId, cancellationToken);
        AlertSeverity? severity;
        lock (watch.Gate) severity = watch.SeverityOf(request.Rule);
        if (AlarmSnooze.Refusal(request.Rule, severity, until, now) is { } refusal) return Invalid([refusal]);
        var row = new PatientAlarmSnooze { PatientId = patientId, Rule = request.Rule, Until = until, SetBy = user.Id, SetAt = now };
        db.AlarmSnoozes.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        profiles.Changed(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.AlarmSnoozed, patientId, request.Rule, $"until {until:O}"), cancellationToken);
        return TypedResults.Created($"/api/v1/patients/{patientId}/alarm-profile/snoozes/{row.Id}", ToDto(row));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Unsnooze(int patientId, int id, CurrentUser user, FajmaDbContext db, AlarmProfiles profiles,
        AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (!user.IsDoctor || !await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        var row = await db.AlarmSnoozes.SingleOrDefaultAsync(s => s.Id == id && s.PatientId == patientId, cancellationToken);
        if (row is null) return TypedResults.Problem(title: "Snooze not found", detail: $"snooze {id} does not exist for patient {patientId}", statusCode: StatusCodes.Status404NotFound);
        db.AlarmSnoozes.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        profiles.Changed(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.AlarmSnoozeLifted, patientId, row.Rule), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<AlarmProfileDto> ReadAsync(FajmaDbContext db, int patientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.AlarmProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.PatientId == patientId, cancellationToken);
        var own = await db.AlertThresholds.AsNoTracking().Where(t => t.PatientId == patientId).Select(t => new AlertThreshold(t.Type, t.Low, t.High)).ToListAsync(cancellationToken);
        var snoozes = (await db.AlarmSnoozes.AsNoTracking().Where(s => s.PatientId == patientId && s.Until > now).ToListAsync(cancellationToken))
            .OrderBy(s => s.Until).Select(ToDto).ToList();
        return AlarmProfileMapping.ToDto(patientId, row is null ? AlarmProfile.Default : AlarmProfileMapping.ToProfile(row), own, snoozes, row);
    }

    private static AlarmSnoozeDto ToDto(PatientAlarmSnooze row) => new(row.Id, row.Rule, row.Until, row.SetBy, row.SetAt);

    private static ValidationProblem Invalid(IEnumerable<FieldError> problems) =>
        TypedResults.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
}
