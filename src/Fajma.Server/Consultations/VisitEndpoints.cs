using Fajma.Core.Consultations;
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

namespace Fajma.Server.Consultations;

/// <summary>Around the visit: its calendar invitation before, its report after; to its participants only, audited.</summary>
public static class VisitEndpoints
{
    public static IEndpointRouteBuilder MapVisitEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/consultations").WithTags("Consultations").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/{id:int}/invitation.ics", GetInvitation).Produces(StatusCodes.Status200OK, contentType: VisitInvitation.ContentType)
            .WithSummary("The visit as an iCalendar invitation (METHOD:REQUEST, or CANCEL once cancelled): times, names and the join link, nothing clinical.");
        group.MapGet("/{id:int}/report", GetReport).Produces(StatusCodes.Status200OK, contentType: "text/html")
            .WithSummary("The visit report (note, vitals and alerts of the call) as a printable HTML page in the reader's language (?lang=fr|en or Accept-Language).");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetInvitation(int id, CurrentUser user, FajmaDbContext db,
        IOptions<ConsultationOptions> options, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.HeldBy(user, db).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null) return ConsultationProblems.NotFound(id);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ConsultationInvitationRead, consultation.PatientId, $"consultation:{id}"), cancellationToken);
        var facts = await VisitInvitationReads.LoadAsync(db, consultation, options.Value, cancellationToken);
        var ics = VisitInvitation.Build(facts, VisitLanguage.Of(http), time.GetUtcNow());
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ics),
            $"{VisitInvitation.ContentType}; charset=utf-8; method={(facts.Cancelled ? "CANCEL" : "REQUEST")}", $"consultation-{id}.ics");
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetReport(int id, CurrentUser user, FajmaDbContext db, PatientKeys keys,
        Alerts.OpenAlerts open, Alerts.AlertJournal journal, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var consultation = await db.Consultations.HeldBy(user, db).AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (consultation is null) return ConsultationProblems.NotFound(id);
        if (!ConsultationStateMachine.IsFinal(consultation.State) || consultation.StartedAt is null)
            return TypedResults.Problem(title: "No report yet", statusCode: StatusCodes.Status409Conflict,
                detail: $"the report exists once the call has taken place and is over; the consultation is {ConsultationStateMachine.Name(consultation.State)}");
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ConsultationReportRead, consultation.PatientId, $"consultation:{id}"), cancellationToken);
        (IReadOnlyList<ObservationDto>, IReadOnlyList<Alerts.AlertDto>)? vitals = null;
        // The vitals and alerts only for those who may see the patient's, as in the timeline: not a guest the doctor did not allow.
        if (await db.CanSeeAsync(user, consultation.PatientId, cancellationToken))
        {
            var (from, to) = (consultation.StartedAt.Value, consultation.EndedAt ?? time.GetUtcNow());
            var readings = await db.Observations.Where(o => o.PatientId == consultation.PatientId && o.MeasuredAt >= from && o.MeasuredAt <= to)
                .OrderBy(o => o.MeasuredAt).ThenBy(o => o.Id).Take(20_000).ReadAsync(keys, cancellationToken);
            var alerts = await Alerts.AlertReads.ListAsync(db, user, new Alerts.AlertFilter(false, null, consultation.PatientId, null, null, from, to,
                Alerts.AlertEndpoints.MaxLimit), open, journal, keys, cancellationToken);
            vitals = (readings, alerts);
        }
        var html = VisitReport.Html(await db.ToDtoAsync(consultation, keys, cancellationToken), vitals, VisitReportText.For(VisitLanguage.Of(http)), time.GetUtcNow());
        http.Response.Headers.ContentSecurityPolicy = VisitReport.ContentSecurityPolicy;
        http.Response.Headers.ContentDisposition = $"inline; filename=\"consultation-{id}-report.html\"";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
