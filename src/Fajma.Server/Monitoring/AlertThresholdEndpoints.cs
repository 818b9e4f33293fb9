using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Monitoring;

/// <summary><c>GET /api/v1/patients/{id}/thresholds</c>: a patient's alert limits, for whoever may see the patient.</summary>
public static class AlertThresholdEndpoints
{
    public static IEndpointRouteBuilder MapAlertThresholdEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/patients/{patientId:int}/thresholds").WithTags("Monitoring").RequireAuthorization().RequireRateLimiting(RateLimiting.User)
            .MapGet("/", GetThresholds).WithSummary("The patient's own alert limits per vital sign (set from the consultation room).");
        return app;
    }

    public static async Task<Results<Ok<List<AlertThresholdDto>>, ProblemHttpResult>> GetThresholds(int patientId, CurrentUser user, FajmaDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        return TypedResults.Ok(await db.ForPatientAsync(patientId, cancellationToken));
    }
}
