using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Identity;

/// <summary>The admins' view of the audit trail (Privacy keeps it; reading it needs an admin, which Identity knows).</summary>

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", GetAudit).WithTags("Audit").RequireAuthorization(Policies.Admin).RequireRateLimiting(Platform.RateLimiting.User)
            .WithSummary("The audit trail, newest first, filtered by patient, actor or action (admins; reading it is audited too).");
        return app;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> GetAudit(
        HttpContext http, FajmaDbContext db, AuditLog audit, CancellationToken cancellationToken,
        int? patientId = null, int? actorId = null, string? action = null, long? before = null, int? limit = null)
    {
        if (limit is < 1 or > 1000) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["must be from 1 to 1000"] });
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.AuditRead, patientId, detail: action), cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (patientId is { } p) query = query.Where(e => e.PatientId == p);
        if (actorId is { } a) query = query.Where(e => e.ActorId == a);
        if (action is not null) query = query.Where(e => e.Action == action);
        if (before is { } b) query = query.Where(e => e.Id < b);
        var take = limit ?? 100;
        var items = await query.OrderByDescending(e => e.Id).Take(take)
            .Select(e => new AuditEntryDto(e.Id, e.At, e.ActorId, e.ActorRole, e.Action, e.PatientId, e.Target, e.Source, e.Detail, e.Hash))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new AuditPage(items, items.Count == take ? items[^1].Id : null));
    }
}
