using Fajma.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Identity;

/// <summary>
/// Password-reset links: an administrator issues one for an account (random token, only its SHA-256 kept, valid for
/// <see cref="AuthOptions.PasswordResetLifetime"/>); the holder spends it once to set a new password, which ends every
/// session of the account. Issuing a new link voids the older unused ones.
/// </summary>
public sealed class PasswordResets(FajmaDbContext db, IPasswordHasher<User> hasher, UserSessions sessions,
    Microsoft.Extensions.Options.IOptions<AuthOptions> options, TimeProvider time)
{
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(int userId, int issuedBy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await db.PasswordResetTokens.Where(t => t.UserId == userId && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        var (token, hash) = InvitationLinks.Create();
        var expires = now + options.Value.PasswordResetLifetime;
        db.PasswordResetTokens.Add(new PasswordResetToken { UserId = userId, TokenHash = hash, IssuedBy = issuedBy, CreatedAt = now, ExpiresAt = expires });
        await db.SaveChangesAsync(cancellationToken);
        return (token, expires);
    }

    /// <summary>Sets the new password and spends the token; the account, or null when the token is unknown, spent or expired.</summary>
    public async Task<User?> RedeemAsync(string token, string newPassword, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = TokenIssuer.Hash(token);
        // Spent by a conditional update: of two requests racing with one token, exactly one changes the row.
        var spent = await db.PasswordResetTokens.Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (spent == 0) return null;
        var userId = await db.PasswordResetTokens.Where(t => t.TokenHash == hash).Select(t => t.UserId).SingleAsync(cancellationToken);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        user.PasswordHash = hasher.HashPassword(user, newPassword);
        user.FailedLogins = 0;
        user.LockedUntil = null; // the failed-sign-in lockout, not an administrator's lock
        await db.SaveChangesAsync(cancellationToken);
        await sessions.RevokeAllAsync(user.Id, cancellationToken);
        return user;
    }
}
