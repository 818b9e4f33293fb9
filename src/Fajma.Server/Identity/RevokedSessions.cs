using System.Collections.Concurrent;

namespace Fajma.Server.Identity;

/// <summary>
/// Sessions ended by logout or by refresh-token reuse. Access tokens carry their session id, and a
/// token of a revoked session is refused at once rather than living out its 10 minutes; the session's
/// open hub connections are closed too.
/// Entries older than an access token's lifetime can no longer match a live token and are dropped.
/// </summary>
public sealed class RevokedSessions(TimeProvider time, Microsoft.Extensions.Options.IOptions<AuthOptions> options, IRevocationFanOut fanOut)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _revoked = new();

    public void Revoke(Guid session)
    {
        var now = time.GetUtcNow();
        _revoked[session] = now;
        if (_revoked.Count > 10_000)
            foreach (var (id, at) in _revoked)
                if (now - at > options.Value.AccessTokenLifetime + options.Value.ClockSkew) _revoked.TryRemove(id, out _);
        // After the set: a connection opening meanwhile is either closed here or finds the session revoked (SessionHubFilter).
        fanOut.Revoked(session);
    }

    public bool IsRevoked(Guid session) => _revoked.ContainsKey(session);
}
