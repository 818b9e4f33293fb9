using Fajma.Server.Platform.Cluster;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Identity;

/// <summary>
/// After Redis was away: sessions revoked on another node meanwhile (their refresh tokens carry <c>RevokedAt</c>) are
/// revoked here too and their hubs closed, rather than living until their access tokens expire. Older revocations
/// can match no live access token and are not read.
/// </summary>
public sealed class RevocationResync(RevokedSessions revoked, IServiceScopeFactory scopes, IOptions<AuthOptions> options, TimeProvider time) : IResyncAfterOutage
{
    public string Name => "revoked sessions";

    public async Task ResyncAsync(CancellationToken cancellationToken)
    {
        var since = time.GetUtcNow() - options.Value.AccessTokenLifetime - options.Value.ClockSkew;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        var sessions = await db.RefreshTokens.AsNoTracking().Where(t => t.RevokedAt != null && t.RevokedAt > since)
            .Select(t => t.FamilyId).Distinct().ToListAsync(cancellationToken);
        foreach (var session in sessions) revoked.Recall(session);
    }
}
