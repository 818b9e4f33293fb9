using System.Globalization;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Identity;

/// <summary><c>/api/v1/auth</c>: sign in, refresh (rotating, reuse revokes the session), sign out, who am I.</summary>
public static class AuthEndpoints
{
    private const string BadCredentials = "The email or password is wrong.";

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Authentication");
        // Anonymous, and the target of credential stuffing: limited per IP on top of the per-account lockout.
        var anonymous = group.MapGroup("/").AllowAnonymous().RequireRateLimiting(RateLimiting.Login);
        anonymous.MapPost("/login", Login).WithSummary("Email and password → access token + refresh token; 202 with a challenge when a second factor is on (POST /api/v1/auth/mfa).");
        anonymous.MapPost("/refresh", Refresh).WithSummary("Spends a refresh token for new tokens; a spent one revokes its session.");
        var signedIn = group.MapGroup("/").RequireAuthorization().RequireRateLimiting(RateLimiting.User);
        signedIn.MapPost("/logout", Logout).WithSummary("Ends the session: its refresh and access tokens stop working.");
        signedIn.MapGet("/me", Me).WithSummary("The signed-in user.");
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, Accepted<MfaChallengeDto>, ProblemHttpResult>> Login(
        LoginRequest request, FajmaDbContext db, TokenIssuer tokens, IPasswordHasher<User> hasher,
        IOptions<AuthOptions> options, TimeProvider time, HttpContext http, AuditLog audit, SecondFactor factor, CancellationToken cancellationToken)
    {
        var result = await SignInAsync(request, db, tokens, hasher, options, time, http, factor, cancellationToken);
        var (action, actor) = result.Result switch
        {
            Ok<TokenResponse> ok => (AuditActions.LoginSucceeded, ok.Value!.User),
            Accepted<MfaChallengeDto> => (AuditActions.LoginPasswordAccepted, null),
            _ => (AuditActions.LoginFailed, (UserDto?)null),
        };
        await audit.RecordAsync(new AuditRecord(action, actor?.Id, actor?.Role, null, db.AuditNameOfEmail((request.Email ?? "").Trim().ToLowerInvariant()),
            http.Connection.RemoteIpAddress?.ToString(), result.Result is ProblemHttpResult problem ? problem.ProblemDetails.Title : null), cancellationToken);
        return result;
    }

    private static async Task<Results<Ok<TokenResponse>, Accepted<MfaChallengeDto>, ProblemHttpResult>> SignInAsync(
        LoginRequest request, FajmaDbContext db, TokenIssuer tokens, IPasswordHasher<User> hasher,
        IOptions<AuthOptions> options, TimeProvider time, HttpContext http, SecondFactor factor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var email = (request.Email ?? "").Trim().ToLowerInvariant();
        var user = await db.UsersByEmail(email).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            // Same work as a real check, so response time does not tell which emails have accounts.
            hasher.VerifyHashedPassword(s_nobody, s_nobodyHash, request.Password ?? "");
            return Unauthorized(BadCredentials);
        }
        if (user.LockedUntil is { } until && until > now)
            return Locked(http, until - now);

        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password ?? "") == PasswordVerificationResult.Failed)
        {
            CountFailure(user, options.Value, now);
            await db.SaveChangesAsync(cancellationToken);
            return user.LockedUntil > now ? Locked(http, user.LockedUntil.Value - now) : Unauthorized(BadCredentials);
        }
        // After the password check, so a locked account tells nothing to someone who does not know its password.
        if (user.LockedByAdminAt is not null) return LockedByAdmin();
        // The failure count stays until the second factor is passed too: wrong codes add to it.
        if (await factor.IsEnabledAsync(user.Id, cancellationToken))
            return TypedResults.Accepted((string?)null, await MfaEndpoints.ChallengeAsync(db, user, time, cancellationToken));
        user.FailedLogins = 0;
        user.LockedUntil = null;
        return TypedResults.Ok(await IssueAsync(db, tokens, user, Guid.NewGuid(), cancellationToken));
    }

    internal static ProblemHttpResult LockedByAdmin() =>
        TypedResults.Problem(title: "Account locked", detail: "An administrator locked this account; ask them to unlock it.", statusCode: StatusCodes.Status403Forbidden);

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> Refresh(
        RefreshRequest request, FajmaDbContext db, TokenIssuer tokens, RevokedSessions revoked, TimeProvider time,
        HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = TokenIssuer.Hash(request.RefreshToken ?? "");
        var presented = await db.RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (presented is null || presented.ExpiresAt <= now) return Unauthorized("The session has expired; sign in again.");
        if (presented.UsedAt is not null || presented.RevokedAt is not null)
        {
            // A spent token presented again: someone else holds a copy. End the whole session.
            await RevokeFamilyAsync(db, revoked, presented.FamilyId, now, cancellationToken);
            await audit.RecordAsync(new AuditRecord(AuditActions.SessionRevokedOnReuse, presented.UserId, null, null, presented.FamilyId.ToString(),
                http.Connection.RemoteIpAddress?.ToString(), "a spent refresh token was presented again"), cancellationToken);
            return Unauthorized("This session was ended; sign in again.");
        }
        var user = await db.Users.SingleAsync(u => u.Id == presented.UserId, cancellationToken);
        presented.UsedAt = now;
        return TypedResults.Ok(await IssueAsync(db, tokens, user, presented.FamilyId, TokenIssuer.PassedSecondFactor(request.RefreshToken!), cancellationToken));
    }

    public static async Task<NoContent> Logout(
        RefreshRequest? request, HttpContext http, FajmaDbContext db, RevokedSessions revoked, TimeProvider time, AuditLog audit, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(http.User.FindFirst(FajmaClaims.Session)?.Value, out var session))
        {
            await RevokeFamilyAsync(db, revoked, session, time.GetUtcNow(), cancellationToken);
            await audit.RecordAsync(AuditRecord.By(http, AuditActions.SessionEnded, target: session.ToString()), cancellationToken);
        }
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UserDto>, ProblemHttpResult>> Me(HttpContext http, FajmaDbContext db, CancellationToken cancellationToken)
    {
        var current = CurrentUser.From(http.User);
        var user = current is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == current.Id, cancellationToken);
        return user is null ? Unauthorized("Unknown user.") : TypedResults.Ok(TokenIssuer.ToDto(user));
    }

    internal static Task<TokenResponse> IssueAsync(FajmaDbContext db, TokenIssuer tokens, User user, Guid session, CancellationToken cancellationToken) =>
        IssueAsync(db, tokens, user, session, secondFactor: false, cancellationToken);

    /// <summary>Tokens of <paramref name="session"/>; <paramref name="secondFactor"/>: the session passed one (kept by its refresh tokens).</summary>
    internal static async Task<TokenResponse> IssueAsync(FajmaDbContext db, TokenIssuer tokens, User user, Guid session, bool secondFactor, CancellationToken cancellationToken)
    {
        var (refresh, row) = tokens.CreateRefreshToken(user, session, secondFactor);
        db.RefreshTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var (access, expires) = tokens.CreateAccessToken(user, session, secondFactor);
        return new TokenResponse(access, refresh, expires, TokenIssuer.ToDto(user), tokens.LacksRequiredSecondFactor(user.Role, secondFactor));
    }

    private static async Task RevokeFamilyAsync(FajmaDbContext db, RevokedSessions revoked, Guid family, DateTimeOffset now, CancellationToken cancellationToken)
    {
        revoked.Revoke(family);
        await db.RefreshTokens.Where(t => t.FamilyId == family && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    /// <summary>A wrong password or second-factor code: the account locks after <see cref="AuthOptions.LockoutThreshold"/> in a row.</summary>
    internal static void CountFailure(User user, AuthOptions options, DateTimeOffset now)
    {
        user.FailedLogins++;
        if (user.FailedLogins >= options.LockoutThreshold)
        {
            user.FailedLogins = 0;
            user.LockedUntil = now + options.LockoutDuration;
        }
    }

    internal static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(title: "Not signed in", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    internal static ProblemHttpResult Locked(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(title: "Too many failed sign-ins",
            detail: $"This account is locked for {Math.Ceiling(wait.TotalMinutes)} more minutes after repeated failed sign-ins.",
            statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static readonly User s_nobody = new() { Email = "", DisplayName = "", Role = Roles.Patient, PasswordHash = "" };

    private static readonly string s_nobodyHash = new PasswordHasher<User>().HashPassword(s_nobody, Guid.NewGuid().ToString());
}
