using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Identity;

/// <summary>
/// The open hub connections of this node, on both hubs, with the sign-in session each was opened under:
/// ending a session closes its connections instead of letting them stream until the access token expires.
/// </summary>
public sealed class SessionConnections
{
    private readonly ConcurrentDictionary<string, (Guid Session, HubCallerContext Connection)> _open = new(StringComparer.Ordinal);

    public void Opened(Guid session, HubCallerContext connection) => _open[connection.ConnectionId] = (session, connection);

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    /// <summary>Aborts every connection of the account (all its sessions): what it may see changed, and it resubscribes under the new rules.</summary>
    public int CloseUser(int userId)
    {
        var id = userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var closed = 0;
        foreach (var (_, open) in _open)
        {
            if (open.Connection.UserIdentifier != id) continue;
            open.Connection.Abort();
            closed++;
        }
        return closed;
    }

    /// <summary>Aborts every connection of <paramref name="session"/>; returns how many. A scan: sessions end far less often than connections open.</summary>
    public int CloseAll(Guid session)
    {
        var closed = 0;
        foreach (var (_, open) in _open)
        {
            if (open.Session != session) continue;
            open.Connection.Abort();
            closed++;
        }
        return closed;
    }
}
