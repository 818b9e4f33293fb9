using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Identity;

/// <summary>
/// An account's sign-in sessions (refresh-token families) as an administrator sees and ends them. Ending one marks its
/// tokens revoked in the store and tells every node (<see cref="RevokedSessions"/>), so its access token and hubs stop at once.
/// </summary>
public sealed class UserSessions(FajmaDbContext db, RevokedSessions revoked, TimeProvider time)
{
    /// <summary>One session: when it began, when it last refreshed, when it ends, whether it still works.</summary>
    public sealed record Session(Guid Id, DateTimeOffset StartedAt, DateTimeOffset LastRefreshedAt, DateTimeOffset ExpiresAt, bool Active);

    public async Task<IReadOnlyList<Session>> ListAsync(int userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tokens = await db.RefreshTokens.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new { t.FamilyId, t.CreatedAt, t.ExpiresAt, t.UsedAt, t.RevokedAt }).ToListAsync(cancellationToken);
        return [.. tokens.GroupBy(t => t.FamilyId).Select(g =>
            {
                var latest = g.MaxBy(t => t.CreatedAt)!;
                return new Session(g.Key, g.Min(t => t.CreatedAt), latest.CreatedAt, latest.ExpiresAt,
                    latest.RevokedAt is null && latest.UsedAt is null && latest.ExpiresAt > now);
            }).OrderByDescending(s => s.StartedAt)];
    }

    /// <summary>When each account last signed in: the start of its newest session.</summary>
    public async Task<Dictionary<int, DateTimeOffset>> LastSignInsAsync(IReadOnlyCollection<int> userIds, CancellationToken cancellationToken)
    {
        var starts = await db.RefreshTokens.AsNoTracking().Where(t => userIds.Contains(t.UserId))
            .GroupBy(t => new { t.UserId, t.FamilyId }).Select(g => new { g.Key.UserId, Start = g.Min(t => t.CreatedAt) }).ToListAsync(cancellationToken);
        return starts.GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => g.Max(s => s.Start));
    }

    /// <summary>Ends one session of the account; false when the account has no such session.</summary>
    public async Task<bool> RevokeAsync(int userId, Guid session, CancellationToken cancellationToken)
    {
        if (!await db.RefreshTokens.AnyAsync(t => t.UserId == userId && t.FamilyId == session, cancellationToken)) return false;
        await RevokeWhereAsync(db.RefreshTokens.Where(t => t.UserId == userId && t.FamilyId == session), [session], cancellationToken);
        return true;
    }

    /// <summary>Ends every session of the account that still has a live refresh token; returns how many.</summary>
    public async Task<int> RevokeAllAsync(int userId, CancellationToken cancellationToken)
    {
        // Every family with an unrevoked token, expired or not: an access token of it may still be alive.
        var sessions = await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null).Select(t => t.FamilyId).Distinct().ToListAsync(cancellationToken);
        await RevokeWhereAsync(db.RefreshTokens.Where(t => t.UserId == userId), sessions, cancellationToken);
        return sessions.Count;
    }

    private async Task RevokeWhereAsync(IQueryable<RefreshToken> tokens, IReadOnlyList<Guid> sessions, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // The store first: a node resyncing after a bus outage reads revocations from it (RevocationResync).
        await tokens.Where(t => t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        foreach (var session in sessions) revoked.Revoke(session);
    }
}
