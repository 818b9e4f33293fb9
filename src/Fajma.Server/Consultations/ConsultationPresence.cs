using System.Collections.Concurrent;

namespace Fajma.Server.Consultations;

/// <summary>Which users are in which consultation's room right now, by connection (one node; a backplane would share it).</summary>
public sealed class ConsultationPresence
{
    private readonly ConcurrentDictionary<string, (int ConsultationId, int UserId)> _connections = new();

    public void Join(string connectionId, int consultationId, int userId) => _connections[connectionId] = (consultationId, userId);

    /// <summary>Forgets the connection; returns the consultation it was in, if any.</summary>
    public int? Leave(string connectionId) => _connections.TryRemove(connectionId, out var entry) ? entry.ConsultationId : null;

    public bool IsIn(string connectionId, int consultationId) => _connections.TryGetValue(connectionId, out var e) && e.ConsultationId == consultationId;

    public IReadOnlySet<int> Online(int consultationId) =>
        _connections.Values.Where(e => e.ConsultationId == consultationId).Select(e => e.UserId).ToHashSet();
}
