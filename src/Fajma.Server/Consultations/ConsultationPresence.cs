using System.Collections.Concurrent;
using Fajma.Server.Platform.Cluster;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Fajma.Server.Consultations;

/// <summary>
/// Which users are in which consultation's room right now, by connection. A connection lives on one node, which
/// answers whether it joined; who is online is the union over the cluster, kept in a Redis hash per consultation
/// (one node: this process's connections). With Redis unreachable a node sees its own connections only.
/// </summary>
public sealed partial class ConsultationPresence(IOptions<RedisOptions> options, ILogger<ConsultationPresence> logger, IConnectionMultiplexer? redis = null)
{
    /// <summary>A room outlives no consultation: a node that died without saying who left leaves nobody online for longer.</summary>
    private static readonly TimeSpan s_keepFor = TimeSpan.FromHours(12);

    private readonly ConcurrentDictionary<string, (int ConsultationId, int UserId)> _connections = new();

    public async Task JoinAsync(string connectionId, int consultationId, int userId)
    {
        _connections[connectionId] = (consultationId, userId);
        await SharedAsync(async db =>
        {
            await db.HashSetAsync(Key(consultationId), connectionId, userId);
            await db.KeyExpireAsync(Key(consultationId), s_keepFor);
        });
    }

    /// <summary>Forgets the connection; returns the consultation it was in, if any.</summary>
    public async Task<int?> LeaveAsync(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var entry)) return null;
        await SharedAsync(db => db.HashDeleteAsync(Key(entry.ConsultationId), connectionId));
        return entry.ConsultationId;
    }

    public bool IsIn(string connectionId, int consultationId) => _connections.TryGetValue(connectionId, out var e) && e.ConsultationId == consultationId;

    public async Task<IReadOnlySet<int>> OnlineAsync(int consultationId)
    {
        var here = _connections.Values.Where(e => e.ConsultationId == consultationId).Select(e => e.UserId).ToHashSet();
        await SharedAsync(async db =>
        {
            foreach (var userId in await db.HashValuesAsync(Key(consultationId))) here.Add((int)userId);
        });
        return here;
    }

    private RedisKey Key(int consultationId) => $"{options.Value.Prefix}:presence:{consultationId}";

    private async Task SharedAsync(Func<IDatabase, Task> action)
    {
        if (redis is null) return;
        try
        {
            await action(redis.GetDatabase());
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnreachable(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consultation presence not shared (Redis unreachable); this node's connections only")]
    private partial void LogUnreachable(Exception e);
}
