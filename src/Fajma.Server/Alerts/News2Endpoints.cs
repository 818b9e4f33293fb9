using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fajma.Server.Alerts;

/// <summary><c>/api/v1/patients/{id}/news2</c>: the patient's NEWS2 now, and what a doctor enters for it (consciousness, oxygen, scale 2).</summary>
public static class News2Endpoints
{
    public static IEndpointRouteBuilder MapNews2Endpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/patients/{patientId:int}/news2").WithTags("Alerts").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        group.MapGet("/", GetNews2).WithSummary("NEWS2 from the patient's latest vitals; adults only (validated from 16 years).");
        group.MapPut("/inputs", SetInputs).RequireAuthorization(Policies.Doctor).WithSummary("Consciousness (ACVPU), supplemental oxygen and SpO2 scale 2, as assessed by the doctor.");
        return app;
    }

    public static async Task<Results<Ok<News2Dto>, ProblemHttpResult>> GetNews2(int patientId, CurrentUser user, FajmaDbContext db, AlertEngine engine,
        AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ObservationsRead, patientId, detail: "news2"), cancellationToken);
        return TypedResults.Ok(await engine.News2Async(patientId, cancellationToken));
    }

    public static async Task<Results<Ok<News2Dto>, ProblemHttpResult, ValidationProblem>> SetInputs(int patientId, News2InputsDto request, CurrentUser user,
        FajmaDbContext db, AlertEngine engine, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await db.CanSeeAsync(user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        Core.Alerts.Consciousness? consciousness = null;
        if (request?.Consciousness is { } text)
        {
            if (!News2Reads.TryParseConsciousness(text, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["consciousness"] = [$"must be one of {News2Reads.Names}"] });
            consciousness = parsed;
        }
        var inputs = new News2Inputs(consciousness, request?.OnSupplementalOxygen, request?.UseScale2 ?? false);
        var news2 = await engine.SetNews2InputsAsync(patientId, inputs, user.Id, cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.News2InputsSet, patientId), cancellationToken);
        return TypedResults.Ok(news2);
    }
}
