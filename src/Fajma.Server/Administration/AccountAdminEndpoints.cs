using System.Globalization;
using Fajma.Server.Identity;
using Fajma.Server.Paging;
using Fajma.Server.Paging.Mail;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Fajma.Server.Administration;

/// <summary>An administrator's hold on an account: lock and unlock, its sessions, a password-reset link. Every action audited.</summary>
public static class AccountAdminEndpoints
{
    public static IEndpointRouteBuilder MapAccountAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var user = app.MapGroup("/api/v1/users/{id:int}").WithTags("Accounts").RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimiting.User);
        user.MapPost("/lock", Lock).WithSummary("Locks the account: no sign-in, and every session ends at once on every node.");
        user.MapPost("/unlock", Unlock).WithSummary("Unlocks the account.");
        user.MapGet("/sessions", ListSessions).WithSummary("The account's sign-in sessions, newest first.");
        user.MapDelete("/sessions", RevokeAllSessions).WithSummary("Ends every session of the account.");
        user.MapDelete("/sessions/{sessionId:guid}", RevokeSession).WithSummary("Ends one session of the account.");
        user.MapPost("/password-reset", IssuePasswordReset).WithSummary("A single-use, expiring password-reset link: mailed when mail is configured, else returned.");
        return app;
    }

    public static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> Lock(
        int id, CurrentUser admin, FajmaDbContext db, UserSessions sessions, TimeProvider time, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        if (id == admin.Id) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["an administrator cannot lock their own account"] });
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null) return NotFound(id);
        user.LockedByAdminAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var ended = await sessions.RevokeAllAsync(id, cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.UserLocked, user.PatientId, Target(id), $"{ended} sessions ended"), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Unlock(int id, FajmaDbContext db, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null) return NotFound(id);
        (user.LockedByAdminAt, user.FailedLogins, user.LockedUntil) = (null, 0, null);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.UserUnlocked, user.PatientId, Target(id)), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SessionDto[]>, ProblemHttpResult>> ListSessions(
        int id, FajmaDbContext db, UserSessions sessions, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken)) return NotFound(id);
        var list = await sessions.ListAsync(id, cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.SessionsRead, target: Target(id)), cancellationToken);
        return TypedResults.Ok(list.Select(s => new SessionDto(s.Id, s.StartedAt, s.LastRefreshedAt, s.ExpiresAt, s.Active)).ToArray());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAllSessions(
        int id, FajmaDbContext db, UserSessions sessions, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken)) return NotFound(id);
        var ended = await sessions.RevokeAllAsync(id, cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.SessionRevokedByAdmin, target: Target(id), detail: $"all ({ended})"), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeSession(
        int id, Guid sessionId, UserSessions sessions, HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!await sessions.RevokeAsync(id, sessionId, cancellationToken))
            return TypedResults.Problem(title: "No such session", detail: $"account {id} has no session {sessionId}", statusCode: StatusCodes.Status404NotFound);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.SessionRevokedByAdmin, target: Target(id), detail: sessionId.ToString()), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PasswordResetLinkDto>, ProblemHttpResult>> IssuePasswordReset(
        int id, CurrentUser admin, FajmaDbContext db, PasswordResets resets, PublicAddress address, IOptions<MailOptions> mail, IMailer mailer,
        HttpContext http, AuditLog audit, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null) return NotFound(id);
        var (token, expires) = await resets.IssueAsync(id, admin.Id, cancellationToken);
        var link = address.Link("reset-password#" + token).ToString();
        var mailed = mail.Value.IsConfigured;
        if (mailed) await mailer.SendAsync(ResetMail(user.Email, link, expires), cancellationToken);
        await audit.RecordAsync(AuditRecord.By(http, AuditActions.PasswordResetIssued, user.PatientId, Target(id), mailed ? "mailed" : "shown to the administrator"),
            cancellationToken);
        return TypedResults.Ok(new PasswordResetLinkDto(mailed ? null : link, expires, mailed));
    }

    private static MimeMessage ResetMail(string to, string link, DateTimeOffset expires)
    {
        var message = new MimeMessage
        {
            Subject = "[Fajma] Set a new password — définir un nouveau mot de passe",
            Body = new TextPart("plain")
            {
                Text = $"An administrator asked for your Fajma password to be reset. This link works once, until {expires:yyyy-MM-dd HH:mm} UTC:\n"
                    + $"Un administrateur a demandé la réinitialisation de votre mot de passe Fajma. Ce lien fonctionne une fois, jusqu'au {expires:yyyy-MM-dd HH:mm} UTC :\n\n{link}\n",
            },
        };
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    private static string Target(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static ProblemHttpResult NotFound(int id) =>
        TypedResults.Problem(title: "No such account", detail: $"account {id} does not exist", statusCode: StatusCodes.Status404NotFound);
}
