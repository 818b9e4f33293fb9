using Fajma.Server.Consultations;
using Fajma.Server.Identity;
using Fajma.Server.Observations;
using Fajma.Server.Observations.Reads;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Records;

/// <summary>
/// <c>GET /api/v1/patients/{id}/record</c>: the patient's whole record as a readable, printable page (GDPR Art. 15 and 20; the
/// machine-readable copy is the FHIR <c>$everything</c>). The patient themself or their care team; audited. An erased record
/// answers 410 Gone to those who could read it, never a failed unseal.
/// </summary>
public static class RecordEndpoints
{
    /// <summary>Readings drawn at most (the latest): a page, not an export.</summary>
    public const int MaxReadings = 50_000;

    public static IEndpointRouteBuilder MapRecordEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/patients/{patientId:int}/record").WithTags("Records").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", GetRecord).Produces(StatusCodes.Status200OK, contentType: "text/html")
            .WithSummary("The patient's record (identity, care team, devices, each vital sign over time, alerts, consultations) as a printable HTML page in the reader's language (?lang=fr|en or Accept-Language).");
        return app;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetRecord(int patientId, CurrentUser user, FajmaDbContext db, PatientKeys keys,
        Alerts.OpenAlerts open, Alerts.AlertJournal journal, IOptions<RecordsOptions> options, TimeProvider time, HttpContext http, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().VisibleTo(user, db).SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
            return await WasErasedForAsync(db, user, patientId, cancellationToken)
                ? TypedResults.Problem(title: "Record erased", detail: $"patient {patientId}'s record was erased on request (GDPR Art. 17)", statusCode: StatusCodes.Status410Gone)
                : PatientProblems.NotFound(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.RecordRead, patientId, "record"), cancellationToken);
        var careTeam = (await db.CareTeam.Where(c => c.PatientId == patientId).Join(db.Users, c => c.DoctorId, u => u.Id, (c, u) => u.DisplayName)
            .ToListAsync(cancellationToken)).Order(StringComparer.InvariantCultureIgnoreCase).ToList(); // names are sealed: sorted after reading
        var devices = await db.Devices.Where(d => d.PatientId == patientId && d.RevokedAt == null).OrderBy(d => d.Id).Select(d => d.Id + " (" + d.Type + ")")
            .ToListAsync(cancellationToken);
        var readings = await db.Observations.Where(o => o.PatientId == patientId).OrderByDescending(o => o.MeasuredAt).ThenByDescending(o => o.Id)
            .Take(MaxReadings + 1).ReadAsync(keys, cancellationToken);
        var truncated = readings.Count > MaxReadings;
        if (truncated) readings.RemoveAt(readings.Count - 1);
        var alerts = await Alerts.AlertReads.ListAsync(db, user, new Alerts.AlertFilter(false, null, patientId, null, null, null, null, 2_000), open, journal, keys,
            cancellationToken);
        var consultations = new List<ConsultationDto>();
        foreach (var c in await db.Consultations.AsNoTracking().Where(c => c.PatientId == patientId).OrderBy(c => c.ScheduledAt).Take(1_000).ToListAsync(cancellationToken))
            consultations.Add(await db.ToDtoAsync(c, keys, cancellationToken));
        var contents = new RecordContents(patient.DisplayName, patient.DateOfBirth, patient.CreatedAt, careTeam, devices, readings, truncated, alerts, consultations,
            options.Value.RetentionYears);
        http.Response.Headers.ContentSecurityPolicy = VisitReport.ContentSecurityPolicy;
        http.Response.Headers.ContentDisposition = $"inline; filename=\"record-{patientId}.html\"";
        return TypedResults.Content(ReadableRecord.Html(contents, RecordText.For(VisitLanguage.Of(http)), time.GetUtcNow()), "text/html; charset=utf-8");
    }

    /// <summary>Gone rather than not found only to those who could read the record before: its patient, its care team.</summary>
    private static Task<bool> WasErasedForAsync(FajmaDbContext db, CurrentUser user, int patientId, CancellationToken cancellationToken) =>
        db.Patients.AnyAsync(p => p.Id == patientId && p.ErasedAt != null
            && (user.PatientId == patientId || (user.IsDoctor && db.CareTeam.Any(c => c.PatientId == patientId && c.DoctorId == user.Id))), cancellationToken);
}
