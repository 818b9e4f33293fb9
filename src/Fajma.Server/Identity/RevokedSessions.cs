using System.Collections.Concurrent;
using Fajma.Server.Platform;
using Fajma.Server.Platform.Cluster;

namespace Fajma.Server.Identity;

/// <summary>
/// Sessions ended by logout or by refresh-token reuse. Access tokens carry their session id, and a
/// token of a revoked session is refused at once rather than living out its 10 minutes; the session's
/// open hub connections are closed too — on every node of a cluster (<see cref="ClusterBus"/>).
/// Entries older than an access token's lifetime can no longer match a live token and are dropped.
/// </summary>
public sealed class RevokedSessions
{
    private const string Topic = "sessions.revoked";
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _revoked = new();
    private readonly TimeProvider _time;
    private readonly Microsoft.Extensions.Options.IOptions<AuthOptions> _options;
    private readonly SessionConnections _connections;
    private readonly ClusterBus _bus;

    public RevokedSessions(TimeProvider time, Microsoft.Extensions.Options.IOptions<AuthOptions> options, SessionConnections connections, ClusterBus bus)
    {
        (_time, _options, _connections, _bus) = (time, options, connections, bus);
        bus.Subscribe(Topic, PlatformJsonContext.Default.Guid, Mark);
    }

    public void Revoke(Guid session) => _bus.Publish(Topic, session, PlatformJsonContext.Default.Guid);

    public bool IsRevoked(Guid session) => _revoked.ContainsKey(session);

    /// <summary>A revocation read back from the store (<see cref="RevocationResync"/>): the bus message for it may have been missed.</summary>
    public void Recall(Guid session)
    {
        if (!_revoked.ContainsKey(session)) Mark(session);
    }

    private void Mark(Guid session)
    {
        var now = _time.GetUtcNow();
        _revoked[session] = now;
        if (_revoked.Count > 10_000)
            foreach (var (id, at) in _revoked)
                if (now - at > _options.Value.AccessTokenLifetime + _options.Value.ClockSkew) _revoked.TryRemove(id, out _);
        // After the set: a connection opening meanwhile is either closed here or finds the session revoked (SessionHubFilter).
        _connections.CloseAll(session);
    }
}
