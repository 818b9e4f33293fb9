using Fajma.Core.Follow;
using Fajma.Server.Identity;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Followers;

/// <summary>
/// <c>/api/v1/followers</c>: a patient invites family members or caregivers with a single-use, expiring link, chooses what
/// each sees, and revokes them (at once, live connections included). Redeeming the link makes or joins a follower account.
/// </summary>
public static class FollowerEndpoints
{
    public const int MaxHistoryHours = 24 * 30;

    public static IEndpointRouteBuilder MapFollowerEndpoints(this IEndpointRouteBuilder app)
    {
        var patient = app.MapGroup("/api/v1/followers").WithTags("Followers")
            .RequireAuthorization(Policies.Patient).RequireRateLimiting(RateLimiting.User);
        patient.MapGet("/", ListFollowers).WithSummary("The patient's followers and invitations, what each may see.");
        patient.MapPost("/", InviteFollower).WithSummary("Invites a follower; the link works once, until it expires.");
        patient.MapPut("/{id:int}/scope", ChangeScope).WithSummary("Changes what a follower sees; takes effect at once.");
        patient.MapDelete("/{id:int}", RevokeFollower).WithSummary("Ends a follow (or cancels an invitation) at once.");
        // Anonymous or signed in as a follower: the link is the credential, and a follower account may follow several patients.
        app.MapPost("/api/v1/followers/redeem", RedeemFollow).WithTags("Followers").AllowAnonymous()
            .RequireRateLimiting(RateLimiting.Login).WithSummary("Uses a follower link once: a new follower account, or the signed-in follower's.");
        return app;
    }

    public static async Task<Ok<List<FollowerDto>>> ListFollowers(CurrentUser user, FajmaDbContext db, TimeProvider time, HttpContext http, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.Follows.AsNoTracking().Where(f => f.PatientId == user.PatientId).OrderByDescending(f => f.CreatedAt)
            .Select(f => new { Follow = f, Email = db.Users.Where(u => u.Id == f.FollowerUserId).Select(u => u.Email).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.FollowersListed, user.PatientId), cancellationToken);
        return TypedResults.Ok(rows.Select(r => ToDto(r.Follow, r.Email, now)).ToList());
    }

    public static async Task<Results<Created<FollowerInviteDto>, ValidationProblem>> InviteFollower(FollowerInviteRequest request, CurrentUser user,
        FajmaDbContext db, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = CheckScope(new FollowerScopeRequest(request.ShareVitals, request.ShareAlerts, request.HistoryHours));
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100) errors["name"] = ["1 to 100 characters"];
        if (string.IsNullOrWhiteSpace(request.Relationship) || request.Relationship.Trim().Length > 50) errors["relationship"] = ["1 to 50 characters"];
        if (request.ValidForHours is < 1 or > 168) errors["validForHours"] = ["1 to 168 hours"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var (token, hash) = InvitationLinks.Create();
        var now = time.GetUtcNow();
        var defaults = FollowerAlertSettings.Default;
        var follow = new Follow
        {
            PatientId = user.PatientId!.Value, Name = request.Name.Trim(), Relationship = request.Relationship.Trim(), TokenHash = hash, CreatedAt = now,
            ExpiresAt = now.AddHours(request.ValidForHours ?? 72), ShareVitals = request.ShareVitals, ShareAlerts = request.ShareAlerts,
            HistoryHours = request.HistoryHours, PageCritical = defaults.Critical, PageMajor = defaults.Major, PageWarning = defaults.Warning,
            PageDelayMinutes = defaults.DelayMinutes,
        };
        db.Follows.Add(follow);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.FollowerInvited, follow.PatientId, $"follow:{follow.Id}", Describe(follow)),
            cancellationToken);
        return TypedResults.Created($"/api/v1/followers/{follow.Id}", new FollowerInviteDto(follow.Id, follow.Name, token, $"/follow/{token}", follow.ExpiresAt));
    }

    public static async Task<Results<Ok<FollowerDto>, ValidationProblem, ProblemHttpResult>> ChangeScope(int id, FollowerScopeRequest request, CurrentUser user,
        FajmaDbContext db, FollowerCut cut, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = CheckScope(request);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var follow = await db.Follows.SingleOrDefaultAsync(f => f.Id == id && f.PatientId == user.PatientId && f.RevokedAt == null, cancellationToken);
        if (follow is null) return NotFound(id);
        (follow.ShareVitals, follow.ShareAlerts, follow.HistoryHours) = (request.ShareVitals, request.ShareAlerts, request.HistoryHours);
        await db.SaveChangesAsync(cancellationToken);
        if (follow.FollowerUserId is { } follower) cut.Cut(follower);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.FollowerScopeChanged, follow.PatientId, $"follow:{id}", Describe(follow)),
            cancellationToken);
        return TypedResults.Ok(ToDto(follow, null, time.GetUtcNow()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeFollower(int id, CurrentUser user, FajmaDbContext db, FollowerCut cut,
        TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var follow = await db.Follows.SingleOrDefaultAsync(f => f.Id == id && f.PatientId == user.PatientId, cancellationToken);
        if (follow is null) return NotFound(id);
        if (follow.RevokedAt is null)
        {
            follow.RevokedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            if (follow.FollowerUserId is { } follower) cut.Cut(follower);
            await audit.RecordAsync(AuditRecord.By(http, AuditActions.FollowerRevoked, follow.PatientId, $"follow:{id}"), cancellationToken);
        }
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> RedeemFollow(RedeemFollowRequest request, FajmaDbContext db,
        Accounts accounts, TokenIssuer tokens, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = TokenIssuer.Hash(request.Token ?? "");
        var follow = await db.Follows.AsNoTracking()
            .SingleOrDefaultAsync(f => f.TokenHash == hash && f.RedeemedAt == null && f.RevokedAt == null && f.ExpiresAt > now, cancellationToken);
        if (follow is null) return InvitationLinks.Unusable("the patient");

        var caller = CurrentUser.From(http.User);
        if (caller is not null && !caller.IsFollower)
            return TypedResults.Problem(title: "Not possible with this account", detail: "sign out first: a follower link makes or joins a follower account",
                statusCode: StatusCodes.Status403Forbidden);
        if (caller is not null && await db.Follows.AnyAsync(f => f.FollowerUserId == caller.Id && f.PatientId == follow.PatientId && f.RevokedAt == null, cancellationToken))
            return TypedResults.Problem(title: "Already following", detail: "this account already follows this patient", statusCode: StatusCodes.Status409Conflict);
        if (caller is null)
        {
            // Checked before the link is spent: a mistyped password must not burn the invitation.
            var errors = await UserEndpoints.CheckNewAccountAsync(db, request.Email, request.DisplayName, request.Password, cancellationToken);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        }
        // Single use, decided by the database: of two people racing with one link, one row update wins.
        var claimed = await db.Follows.Where(f => f.Id == follow.Id && f.RedeemedAt == null && f.RevokedAt == null && f.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.RedeemedAt, now), cancellationToken);
        if (claimed != 1) return InvitationLinks.Unusable("the patient");

        var account = caller is not null
            ? await db.Users.SingleAsync(u => u.Id == caller.Id, cancellationToken)
            : await accounts.CreateInvitedAsync(request.Email!, request.DisplayName!.Trim(), Roles.Follower, request.Password!, cancellationToken);
        await db.Follows.Where(f => f.Id == follow.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.FollowerUserId, account.Id), cancellationToken);
        await audit.RecordAsync(new AuditRecord(AuditActions.FollowerJoined, account.Id, Roles.Follower, follow.PatientId, $"follow:{follow.Id}",
            http.Connection.RemoteIpAddress?.ToString(), null), cancellationToken);
        return TypedResults.Ok(await AuthEndpoints.IssueAsync(db, tokens, account, Guid.NewGuid(), cancellationToken));
    }

    private static Dictionary<string, string[]> CheckScope(FollowerScopeRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.HistoryHours is < 1 or > MaxHistoryHours) errors["historyHours"] = [$"1 to {MaxHistoryHours} hours"];
        return errors;
    }

    private static string Describe(Follow f) => $"vitals {(f.ShareVitals ? $"{f.HistoryHours} h" : "no")}, alerts {(f.ShareAlerts ? "yes" : "no")}";

    private static FollowerDto ToDto(Follow f, string? email, DateTimeOffset now) => new(f.Id, f.Name, f.Relationship,
        f.RevokedAt is not null ? "revoked" : f.RedeemedAt is not null ? "active" : f.ExpiresAt <= now ? "expired" : "invited",
        email, f.ShareVitals, f.ShareAlerts, f.HistoryHours, f.CreatedAt, f.ExpiresAt, f.RedeemedAt, f.RevokedAt);

    private static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(title: "Follower not found", detail: $"follower {id} does not exist", statusCode: StatusCodes.Status404NotFound);
}
