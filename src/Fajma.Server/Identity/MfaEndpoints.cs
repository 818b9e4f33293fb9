using System.Security.Cryptography;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Identity;

/// <summary>
/// The second factor of doctors and admins (docs/mfa.md): enrolment (a secret shown once, confirmed with a first code, ten
/// recovery codes), the second step of a sign-in, and an admin's reset.
/// </summary>
public static class MfaEndpoints
{
    private static readonly TimeSpan s_challengeLifetime = TimeSpan.FromMinutes(5);
    private const int ChallengeAttempts = 5;

    public static IEndpointRouteBuilder MapMfaEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth/mfa").WithTags("Authentication");
        auth.MapPost("/", SignIn).AllowAnonymous().RequireRateLimiting(RateLimiting.Login)
            .WithSummary("The second step of a sign-in: the challenge from login and a TOTP code or a recovery code → tokens.");
        var own = auth.MapGroup("/enrolment").RequireAuthorization(Policies.Clinician).RequireRateLimiting(RateLimiting.User);
        own.MapPost("/", StartEnrolment).WithSummary("A new TOTP secret (QR code, otpauth URI), shown once; sign-in asks for codes once it is confirmed.");
        own.MapPost("/confirm", ConfirmEnrolment).WithSummary("Turns the second factor on with a first code; answers the ten recovery codes, shown once, and the session's new tokens (second factor passed).");
        return app;
    }

    /// <summary>An admin's reset: mapped with the routes that need a passed second factor (the enrolment above must not).</summary>
    public static IEndpointRouteBuilder MapMfaReset(this IEndpointRouteBuilder app)
    {
        app.MapDelete("/api/v1/users/{userId:int}/mfa", Reset).WithTags("Users").RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimiting.User)
            .WithSummary("An admin removes a user's second factor (a lost phone): their sessions end and they enrol again.");
        return app;
    }

    /// <summary>For login: the password was right and the user has a second factor.</summary>
    internal static async Task<MfaChallengeDto> ChallengeAsync(FajmaDbContext db, User user, TimeProvider time, CancellationToken cancellationToken)
    {
        var (challenge, hash) = InvitationLinks.Create(); // the same single-use secret as invitation and reset links
        var expires = time.GetUtcNow() + s_challengeLifetime;
        await db.MfaChallenges.Where(c => c.UserId == user.Id && c.ExpiresAt < time.GetUtcNow()).ExecuteDeleteAsync(cancellationToken);
        db.MfaChallenges.Add(new MfaChallenge { ChallengeHash = hash, UserId = user.Id, ExpiresAt = expires });
        await db.SaveChangesAsync(cancellationToken);
        return new MfaChallengeDto(true, challenge, expires);
    }

    public static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> SignIn(
        MfaSignInRequest request, FajmaDbContext db, SecondFactor factor, TokenIssuer tokens, IOptions<AuthOptions> options, TimeProvider time,
        HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Code) == string.IsNullOrWhiteSpace(request.RecoveryCode))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["Give either the code from the authenticator app or one recovery code."] });
        var now = time.GetUtcNow();
        var hash = TokenIssuer.Hash(request.Challenge ?? "");
        var challenge = await db.MfaChallenges.SingleOrDefaultAsync(c => c.ChallengeHash == hash, cancellationToken);
        if (challenge is null || challenge.ExpiresAt <= now) return AuthEndpoints.Unauthorized("The sign-in has expired; enter your password again.");
        var user = await db.Users.SingleAsync(u => u.Id == challenge.UserId, cancellationToken);
        if (user.LockedUntil is { } until && until > now) return AuthEndpoints.Locked(http, until - now);
        if (user.LockedByAdminAt is not null) return AuthEndpoints.LockedByAdmin(); // locked between the password and the code

        var recovery = !string.IsNullOrWhiteSpace(request.RecoveryCode);
        var accepted = recovery
            ? await factor.UseRecoveryCodeAsync(user.Id, request.RecoveryCode!, cancellationToken)
            : await factor.VerifyAsync(user.Id, request.Code!, cancellationToken);
        if (!accepted)
        {
            // A wrong code counts toward the account's lock-out as a wrong password does; a challenge allows a few tries only.
            AuthEndpoints.CountFailure(user, options.Value, now);
            if (++challenge.Failures >= ChallengeAttempts) db.MfaChallenges.Remove(challenge);
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(new AuditRecord(AuditActions.MfaFailed, user.Id, user.Role, null, $"user:{user.Id}", http.Connection.RemoteIpAddress?.ToString(),
                recovery ? "recovery code refused" : "code refused"), cancellationToken);
            return user.LockedUntil > now ? AuthEndpoints.Locked(http, user.LockedUntil.Value - now) : AuthEndpoints.Unauthorized("The code is wrong or was already used.");
        }
        db.MfaChallenges.Remove(challenge);
        (user.FailedLogins, user.LockedUntil) = (0, null);
        var issued = await AuthEndpoints.IssueAsync(db, tokens, user, Guid.NewGuid(), secondFactor: true, cancellationToken);
        await audit.RecordAsync(new AuditRecord(recovery ? AuditActions.MfaRecoveryCodeUsed : AuditActions.LoginSucceeded, user.Id, user.Role, null, $"user:{user.Id}",
            http.Connection.RemoteIpAddress?.ToString(), "second factor"), cancellationToken);
        return TypedResults.Ok(issued);
    }

    public static async Task<Results<Ok<MfaEnrolmentDto>, ProblemHttpResult>> StartEnrolment(
        HttpContext http, FajmaDbContext db, SecondFactor factor, AuditLog audit, CancellationToken cancellationToken)
    {
        var current = CurrentUser.From(http.User)!;
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == current.Id, cancellationToken);
        if (await factor.StartEnrolmentAsync(user, cancellationToken) is not { } enrolment)
            return TypedResults.Problem(title: "Second factor already on", detail: "Ask an admin to reset it to enrol a new device.", statusCode: StatusCodes.Status409Conflict);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.MfaEnrolmentStarted, target: $"user:{user.Id}"), cancellationToken);
        return TypedResults.Ok(enrolment);
    }

    public static async Task<Results<Ok<MfaRecoveryCodesDto>, ValidationProblem>> ConfirmEnrolment(
        MfaCodeRequest request, HttpContext http, FajmaDbContext db, TokenIssuer tokens, SecondFactor factor, AuditLog audit, CancellationToken cancellationToken)
    {
        var current = CurrentUser.From(http.User)!;
        if (await factor.ConfirmAsync(current.Id, request.Code ?? "", cancellationToken) is not { } codes)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["The code is wrong, or no enrolment is waiting for one."] });
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.MfaEnabled), cancellationToken);
        // The same session goes on with the claim, so a user whose role requires the factor continues without signing in again.
        var user = await db.Users.SingleAsync(u => u.Id == current.Id, cancellationToken);
        var session = Guid.Parse(http.User.FindFirst(FajmaClaims.Session)!.Value);
        return TypedResults.Ok(new MfaRecoveryCodesDto(codes, await AuthEndpoints.IssueAsync(db, tokens, user, session, secondFactor: true, cancellationToken)));
    }

    public static async Task<Results<NoContent, NotFound>> Reset(
        int userId, HttpContext http, FajmaDbContext db, SecondFactor factor, UserSessions sessions, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken)) return TypedResults.NotFound();
        await factor.ResetAsync(userId, cancellationToken);
        // The sessions the lost factor vouched for end too (the lost phone may hold one); a required role enrols at its next sign-in.
        await sessions.RevokeAllAsync(userId, cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.MfaReset, target: userId.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        return TypedResults.NoContent();
    }

}
