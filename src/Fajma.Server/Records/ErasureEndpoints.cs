using Fajma.Core.Records;
using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Records;

/// <summary>
/// Erasure requests (GDPR Art. 17): a patient files one for themself, or an admin on their behalf; an admin who did not file it
/// approves (the record is erased at once, see <see cref="Erasure"/>) or refuses it, each with a reason. Inside the legal hold an
/// approval is refused with the day the hold ends. Every step is audited, with no clinical content.
/// </summary>
public static class ErasureEndpoints
{
    public const int MaxReason = 1000;

    public static IEndpointRouteBuilder MapErasureEndpoints(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/v1/patients/{patientId:int}/erasure-requests").WithTags("Records").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        patients.MapPost("/", FileRequest).WithSummary("Files a request to erase the patient's record (the patient themself, or an admin on their behalf); a pending one is answered as is.");
        patients.MapGet("/", ListForPatient).WithSummary("The patient's erasure requests and their status (the patient themself, or an admin).");
        var admin = app.MapGroup("/api/v1/erasure-requests").WithTags("Records").RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimiting.User);
        admin.MapGet("/", ListAll).WithSummary("Every erasure request, pending first, with the legal hold on each record.");
        admin.MapPost("/{id:int}/decision", Decide).WithSummary("Approves (erases the record now) or refuses a pending request, with a reason; not by the admin who filed it.");
        return app;
    }

    public static async Task<Results<Created<ErasureRequestDto>, Ok<ErasureRequestDto>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> FileRequest(int patientId,
        ErasureRequestBody? body, CurrentUser user, FajmaDbContext db, Erasure erasure, AuditLog audit, HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!user.IsAdmin && !user.IsPatient) return TypedResults.Forbid();
        if (Reason(body?.Reason) is not { } reason) return ReasonProblem();
        if (!await MayFileAsync(db, user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        if (await db.ErasureRequests.AsNoTracking().FirstOrDefaultAsync(r => r.PatientId == patientId && r.Status == ErasureStatus.Pending, cancellationToken) is { } pending)
            return TypedResults.Ok(await ErasureReads.ToDtoAsync(db, erasure, pending, cancellationToken));
        var request = new ErasureRequest { PatientId = patientId, RequestedBy = user.Id, RequestedAt = time.GetUtcNow(), Reason = reason, Status = ErasureStatus.Pending };
        db.ErasureRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ErasureRequested, patientId, $"erasure-request:{request.Id}"), cancellationToken);
        return TypedResults.Created($"/api/v1/patients/{patientId}/erasure-requests", await ErasureReads.ToDtoAsync(db, erasure, request, cancellationToken));
    }

    public static async Task<Results<Ok<List<ErasureRequestDto>>, ProblemHttpResult, ForbidHttpResult>> ListForPatient(int patientId, CurrentUser user, FajmaDbContext db,
        Erasure erasure, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        if (!user.IsAdmin && !user.IsPatient) return TypedResults.Forbid();
        if (!await MayFileAsync(db, user, patientId, cancellationToken)) return PatientProblems.NotFound(patientId);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ErasureRequestsRead, patientId, "erasure-requests"), cancellationToken);
        var rows = await db.ErasureRequests.AsNoTracking().Where(r => r.PatientId == patientId).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(await ErasureReads.ToDtosAsync(db, erasure, rows, cancellationToken));
    }

    public static async Task<Ok<List<ErasureRequestDto>>> ListAll(FajmaDbContext db, Erasure erasure, AuditLog audit, HttpContext http, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.ErasureRequestsRead, null, "erasure-requests"), cancellationToken);
        var rows = await db.ErasureRequests.AsNoTracking().OrderBy(r => r.Status == ErasureStatus.Pending ? 0 : 1).ThenByDescending(r => r.Id).Take(500)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(await ErasureReads.ToDtosAsync(db, erasure, rows, cancellationToken));
    }

    public static async Task<Results<Ok<ErasureRequestDto>, ValidationProblem, ProblemHttpResult>> Decide(int id, ErasureDecisionBody? body, CurrentUser user,
        FajmaDbContext db, Erasure erasure, AuditLog audit, HttpContext http, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (body?.Approve is null) errors["approve"] = ["is required: true to erase, false to refuse"];
        var reason = Reason(body?.Reason);
        if (reason is null) errors["reason"] = [$"is required, at most {MaxReason} characters"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var request = await db.ErasureRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
            return TypedResults.Problem(title: "Erasure request not found", detail: $"erasure request {id} does not exist", statusCode: StatusCodes.Status404NotFound);
        if (request.Status != ErasureStatus.Pending)
            return TypedResults.Problem(title: "Already decided", detail: $"erasure request {id} is {request.Status}", statusCode: StatusCodes.Status409Conflict);
        if (request.RequestedBy == user.Id)
            return TypedResults.Problem(title: "Decided by another admin", statusCode: StatusCodes.Status403Forbidden,
                detail: "the admin who filed an erasure request may not decide it: another admin must");
        var verdict = await erasure.VerdictAsync(db, request.PatientId, cancellationToken);
        if (body!.Approve!.Value)
        {
            if (!verdict.Permitted)
            {
                var problem = TypedResults.Problem(title: "Inside the legal hold", statusCode: StatusCodes.Status409Conflict,
                    detail: verdict.HoldEndsAt is { } ends ? $"the record is kept until {ends:yyyy-MM-dd} (legal period since the last care); refuse the request with that date"
                        : "this deployment keeps records never used for care for the legal period too; refuse the request");
                problem.ProblemDetails.Extensions["holdEndsAt"] = verdict.HoldEndsAt;
                return problem;
            }
            await erasure.EraseAsync(id, AuditActor.Of(http), reason!, verdict.HoldEndsAt, cancellationToken);
        }
        else
        {
            (request.Status, request.DecidedBy, request.DecidedAt, request.DecisionReason, request.HoldEndsAt) =
                (ErasureStatus.Refused, user.Id, time.GetUtcNow(), reason, verdict.HoldEndsAt);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(AuditRecord.By(http, AuditActions.ErasureRefused, request.PatientId, $"erasure-request:{id}"), cancellationToken);
        }
        db.ChangeTracker.Clear();
        var decided = await db.ErasureRequests.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        return TypedResults.Ok(await ErasureReads.ToDtoAsync(db, erasure, decided, cancellationToken));
    }

    /// <summary>The patient themself (their record not erased), or any admin for a record that exists.</summary>
    private static Task<bool> MayFileAsync(FajmaDbContext db, CurrentUser user, int patientId, CancellationToken cancellationToken) =>
        user.IsAdmin ? db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken) : db.CanSeeAsync(user, patientId, cancellationToken);

    private static string? Reason(string? text) => string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxReason ? null : text.Trim();

    private static ValidationProblem ReasonProblem() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [$"is required, at most {MaxReason} characters"] });
}
