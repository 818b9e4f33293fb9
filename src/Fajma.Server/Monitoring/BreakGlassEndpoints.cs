using Fajma.Server.Identity;
using Fajma.Server.Observations;
using Fajma.Server.Observations.Reads;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Monitoring;

/// <summary>
/// Break-glass: the only way an admin reads clinical data. One explicit request with a stated reason,
/// written to the audit trail before any data is returned; it grants nothing beyond this one answer.
/// </summary>
public static class BreakGlassEndpoints
{
    public const int MinimumReasonLength = 15;

    public static IEndpointRouteBuilder MapBreakGlassEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/patients/{patientId:int}/break-glass", BreakGlass).WithTags("Audit")
            .RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimiting.User)
            .WithSummary("Admins: a patient's latest observations, with a reason that goes to the audit trail first.");
        return app;
    }

    public static async Task<Results<Ok<ObservationPage>, ValidationProblem, ProblemHttpResult>> BreakGlass(
        int patientId, BreakGlassRequest request, HttpContext http, FajmaDbContext db, AuditLog audit, PatientKeys keys, CancellationToken cancellationToken)
    {
        if ((request.Reason?.Trim().Length ?? 0) < MinimumReasonLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"say why, in at least {MinimumReasonLength} characters"] });
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken)) return Patients.PatientProblems.NotFound(patientId);

        await audit.RecordAsync(AuditRecord.By(http, AuditActions.BreakGlass, patientId, detail: request.Reason!.Trim()), cancellationToken);
        var rows = await db.Observations.Where(o => o.PatientId == patientId)
            .OrderByDescending(o => o.MeasuredAt).ThenByDescending(o => o.Id).Take(200).ReadAsync(keys, cancellationToken);
        return TypedResults.Ok(new ObservationPage(rows, null));
    }
}
