using System.Globalization;
using Fajma.Core.Vitals;
using Fajma.Server.Alerts;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Monitoring;

/// <summary>
/// <c>/api/v1/patients/{id}/thresholds</c>: a patient's own alert limits, read by whoever may see the patient and
/// set or cleared (back to the defaults) by a doctor of their care team. The alert engine uses them from the next reading.
/// </summary>
public static class AlertThresholdEndpoints
{
    public static IEndpointRouteBuilder MapAlertThresholdEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/patients/{patientId:int}/thresholds").WithTags("Monitoring").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", GetThresholds).WithSummary("The patient's own alert limits per vital sign.");
        group.MapPut("/{type}", SetThreshold).RequireAuthorization(Policies.Doctor).WithSummary("Sets the patient's limits for one sign (low, high or both), replacing the defaults of that sign.");
        group.MapDelete("/{type}", ClearThreshold).RequireAuthorization(Policies.Doctor).WithSummary("Clears the patient's limits for one sign: the defaults apply again.");
        return app;
    }

    public static async Task<Results<Ok<List<AlertThresholdDto>>, ProblemHttpResult>> GetThresholds(int patientId, CurrentUser user, FajmaDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        return TypedResults.Ok(await db.ForPatientAsync(patientId, cancellationToken));
    }

    public static async Task<Results<Ok<AlertThresholdDto>, ProblemHttpResult, ValidationProblem>> SetThreshold(int patientId, string type, ThresholdRequest request,
        CurrentUser user, FajmaDbContext db, AlertEngine engine, AuditLog audit, HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        var threshold = new AlertThreshold(type, request?.Low, request?.High);
        if (threshold.Problems() is { Count: > 0 } problems)
            return TypedResults.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        var saved = await db.SetAsync(patientId, threshold, user.Id, time.GetUtcNow(), cancellationToken);
        engine.Reload(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ThresholdSet, patientId, type,
            $"{Format(threshold.Low)}..{Format(threshold.High)}"), cancellationToken);
        return TypedResults.Ok(saved);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ClearThreshold(int patientId, string type, CurrentUser user, FajmaDbContext db,
        AlertEngine engine, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        await db.ClearAsync(patientId, type, cancellationToken);
        engine.Reload(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ThresholdCleared, patientId, type), cancellationToken);
        return TypedResults.NoContent();
    }

    private static string Format(double? limit) => limit?.ToString(CultureInfo.InvariantCulture) ?? "–";
}
