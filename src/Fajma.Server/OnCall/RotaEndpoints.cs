using Fajma.Core.OnCall;
using Fajma.Server.Identity;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Fajma.Server.OnCall;

/// <summary><c>/api/v1/rotas</c>: admins edit on-call rotas and their overrides; doctors read them. Every change is audited.</summary>
public static class RotaEndpoints
{
    public static readonly TimeSpan MaxOverride = TimeSpan.FromDays(62);
    public static readonly TimeSpan MaxTimeline = TimeSpan.FromDays(35);

    public static IEndpointRouteBuilder MapRotaEndpoints(this IEndpointRouteBuilder app)
    {
        var rotas = app.MapGroup("/api/v1/rotas").WithTags("On call").RequireAuthorization(p => p.RequireRole(Roles.Doctor, Roles.Admin))
            .RequireRateLimiting(RateLimiting.User);
        rotas.MapGet("/", ListRotas).WithSummary("Every rota, with who is on call in it now and next.");
        rotas.MapGet("/{id:int}", GetRota).WithSummary("One rota.");
        rotas.MapGet("/{id:int}/timeline", Timeline).WithSummary("Who is on call in the rota from `from` to `to` (at most 35 days; default the coming 7).");
        var admin = rotas.MapGroup("/").RequireAuthorization(Policies.Admin);
        admin.MapPost("/", CreateRota).WithSummary("Creates a rota: zone, handover times, members in rotation order.");
        admin.MapPut("/{id:int}", UpdateRota).WithSummary("Replaces a rota's settings and members (in their new order); overrides stay.");
        admin.MapDelete("/{id:int}", DeleteRota).WithSummary("Deletes a rota and its overrides.");
        admin.MapPost("/{id:int}/overrides", AddOverride).WithSummary("A doctor covers the rota for a while; overrides of one rota may not overlap.");
        admin.MapDelete("/{id:int}/overrides/{overrideId:int}", RemoveOverride).WithSummary("Removes an override.");
        return app;
    }

    public static async Task<Ok<List<RotaDto>>> ListRotas(FajmaDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var rotas = await db.Rotas.AsNoTracking().Include(r => r.Members).Include(r => r.Covers).AsSplitQuery().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        var names = await db.DoctorNamesAsync(cancellationToken);
        return TypedResults.Ok(rotas.Select(r => RotaReads.ToDto(r, names, time.GetUtcNow())).ToList());
    }

    public static async Task<Results<Ok<RotaDto>, NotFound>> GetRota(int id, FajmaDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await db.RotaAsync(id, cancellationToken) is { } rota
            ? TypedResults.Ok(RotaReads.ToDto(rota, await db.DoctorNamesAsync(cancellationToken), time.GetUtcNow()))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<List<OnCallSpanDto>>, NotFound, ValidationProblem>> Timeline(int id, FajmaDbContext db, TimeProvider time,
        CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var start = from ?? time.GetUtcNow();
        var end = to ?? start.AddDays(7);
        if (end <= start || end - start > MaxTimeline)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = [$"must be after from, at most {MaxTimeline.TotalDays} days later"] });
        if (await db.RotaAsync(id, cancellationToken) is not { } rota) return TypedResults.NotFound();
        var names = await db.DoctorNamesAsync(cancellationToken);
        var spans = OnCallTimeline.Between(RotaForm.Schedule(rota), Instant.FromDateTimeOffset(start), Instant.FromDateTimeOffset(end));
        return TypedResults.Ok(spans.Where(s => s.Start < Instant.FromDateTimeOffset(end)).Select(s => RotaReads.ToDto(s, names)).ToList());
    }

    public static async Task<Results<Created<RotaDto>, ValidationProblem>> CreateRota(RotaRequest request, FajmaDbContext db, OnCallRoster roster,
        HttpContext http, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = await CheckAsync(request, null, db, cancellationToken);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var rota = new Rota { Name = "", TimeZone = "", FirstHandover = "", HandoverTimes = "" };
        RotaForm.Apply(request, rota, time.GetUtcNow());
        db.Rotas.Add(rota);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(rota, OnCallAudit.RotaCreated, roster, http, audit, cancellationToken);
        return TypedResults.Created($"/api/v1/rotas/{rota.Id}", RotaReads.ToDto(rota, await db.DoctorNamesAsync(cancellationToken), time.GetUtcNow()));
    }

    public static async Task<Results<Ok<RotaDto>, NotFound, ValidationProblem>> UpdateRota(int id, RotaRequest request, FajmaDbContext db, OnCallRoster roster,
        HttpContext http, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.RotaAsync(id, cancellationToken) is not { } rota) return TypedResults.NotFound();
        var errors = await CheckAsync(request, id, db, cancellationToken);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.RotaMembers.RemoveRange(rota.Members);
            await db.SaveChangesAsync(cancellationToken); // positions are the key: the old order goes before the new one comes
            RotaForm.Apply(request, rota, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await ChangedAsync(rota, OnCallAudit.RotaChanged, roster, http, audit, cancellationToken);
        return TypedResults.Ok(RotaReads.ToDto(rota, await db.DoctorNamesAsync(cancellationToken), time.GetUtcNow()));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteRota(int id, FajmaDbContext db, OnCallRoster roster, HttpContext http, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (await db.RotaAsync(id, cancellationToken) is not { } rota) return TypedResults.NotFound();
        db.Rotas.Remove(rota);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(rota, OnCallAudit.RotaDeleted, roster, http, audit, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<RotaOverrideDto>, NotFound, ValidationProblem>> AddOverride(int id, RotaOverrideRequest request, FajmaDbContext db,
        OnCallRoster roster, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await db.RotaAsync(id, cancellationToken) is not { } rota) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (!await db.Users.AnyAsync(u => u.Id == request.DoctorId && u.Role == Roles.Doctor, cancellationToken)) errors["doctorId"] = ["must be a doctor's account"];
        if (request.To <= request.From || request.To - request.From > MaxOverride) errors["to"] = [$"must be after from, at most {MaxOverride.TotalDays} days later"];
        else if (rota.Covers.FirstOrDefault(c => c.From < request.To && request.From < c.To) is { } clash)
            errors["from"] = [$"overlaps override {clash.Id} ({clash.From:u} to {clash.To:u})"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var cover = new RotaCover { RotaId = id, DoctorId = request.DoctorId, From = request.From, To = request.To };
        db.RotaCovers.Add(cover);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(rota, OnCallAudit.OverrideAdded, roster, http, audit, cancellationToken, $"override {cover.Id}: doctor {cover.DoctorId} {cover.From:u} to {cover.To:u}");
        return TypedResults.Created($"/api/v1/rotas/{id}/overrides/{cover.Id}", RotaReads.ToDto(cover, await db.DoctorNamesAsync(cancellationToken)));
    }

    public static async Task<Results<NoContent, NotFound>> RemoveOverride(int id, int overrideId, FajmaDbContext db, OnCallRoster roster, HttpContext http,
        AuditLog audit, CancellationToken cancellationToken)
    {
        if (await db.RotaAsync(id, cancellationToken) is not { } rota || rota.Covers.Find(c => c.Id == overrideId) is not { } cover) return TypedResults.NotFound();
        db.RotaCovers.Remove(cover);
        await db.SaveChangesAsync(cancellationToken);
        await ChangedAsync(rota, OnCallAudit.OverrideRemoved, roster, http, audit, cancellationToken, $"override {overrideId}");
        return TypedResults.NoContent();
    }

    private static async Task<Dictionary<string, string[]>> CheckAsync(RotaRequest request, int? id, FajmaDbContext db, CancellationToken cancellationToken)
    {
        var errors = RotaForm.Check(request, out _);
        var name = request.Name?.Trim();
        if (!errors.ContainsKey("name") && await db.Rotas.AnyAsync(r => r.Name == name && r.Id != id, cancellationToken)) errors["name"] = ["a rota with this name exists"];
        if (errors.ContainsKey("members")) return errors;
        var doctors = await db.Users.Where(u => u.Role == Roles.Doctor && request.Members.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < request.Members.Count; i++)
            if (!doctors.Contains(request.Members[i])) errors[$"members[{i}]"] = ["must be a doctor's account"];
        return errors;
    }

    private static async Task ChangedAsync(Rota rota, string action, OnCallRoster roster, HttpContext http, AuditLog audit, CancellationToken cancellationToken,
        string? detail = null)
    {
        roster.Changed(rota.Id);
        await audit.RecordAsync(AuditRecord.By(http, action, target: $"rota:{rota.Id}",
            detail: detail ?? $"{rota.Name} ({rota.TimeZone}; {rota.HandoverTimes} every {rota.CycleDays} d; members {string.Join(',', rota.Members.OrderBy(m => m.Position).Select(m => m.DoctorId))})"),
            cancellationToken);
    }
}
