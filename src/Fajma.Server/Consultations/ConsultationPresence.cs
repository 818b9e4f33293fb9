using System.Collections.Concurrent;
using Fajma.Server.Platform.Cluster;
using StackExchange.Redis;

namespace Fajma.Server.Consultations;

/// <summary>
/// Which users are in which consultation's room right now, by connection. A connection lives on one node, which
/// answers whether it joined; who is online is the union over the cluster, kept in a Redis hash per consultation
/// whose entries name their node (one node: this process's connections). An entry counts only while its node's
/// heartbeat lives (<see cref="ClusterMember"/>): a node killed without saying who left drops out within its lease,
/// and the first node to read the room prunes its entries. With Redis unreachable a node sees its own connections only.
/// </summary>
public sealed class ConsultationPresence : IResyncAfterOutage
{
    /// <summary>A room outlives no consultation: entries of a node that never returns cost memory until then at most.</summary>
    private static readonly TimeSpan s_keepFor = TimeSpan.FromHours(12);

    private const string Unreachable = "consultation presence not shared; this node's connections only";

    // KEYS[1] the room; ARGV[1] the heartbeat key prefix. Values are "node|user"; a value without a node (written by
    // a node of the previous version) counts as online, as it did then. Returns the users online.
    private const string ReadAndPrune = """
        local entries = redis.call('HGETALL', KEYS[1])
        local alive, online = {}, {}
        for i = 1, #entries, 2 do
          local node, user = string.match(entries[i + 1], '^(.*)|(%d+)$')
          if node == nil then
            table.insert(online, entries[i + 1])
          else
            if alive[node] == nil then alive[node] = redis.call('EXISTS', ARGV[1] .. node) == 1 end
            if alive[node] then table.insert(online, user) else redis.call('HDEL', KEYS[1], entries[i]) end
          end
        end
        return online
        """;

    private readonly ConcurrentDictionary<string, (int ConsultationId, int UserId)> _connections = new();
    private readonly SharedRedis _redis;
    private readonly ClusterMember _node;

    public ConsultationPresence(SharedRedis redis, ClusterMember node)
    {
        (_redis, _node) = (redis, node);
        node.OnLeaseLapsed(RewriteAsync);
    }

    public async Task JoinAsync(string connectionId, int consultationId, int userId)
    {
        _connections[connectionId] = (consultationId, userId);
        await WriteAsync(connectionId, consultationId, userId);
    }

    /// <summary>Forgets the connection; returns the consultation it was in, if any.</summary>
    public async Task<int?> LeaveAsync(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var entry)) return null;
        await _redis.TryAsync(db => db.HashDeleteAsync(Key(entry.ConsultationId), connectionId), Unreachable);
        return entry.ConsultationId;
    }

    public bool IsIn(string connectionId, int consultationId) => _connections.TryGetValue(connectionId, out var e) && e.ConsultationId == consultationId;

    /// <summary>The rooms this node has connections in.</summary>
    public IReadOnlySet<int> LocalRooms() => _connections.Values.Select(e => e.ConsultationId).ToHashSet();

    public async Task<IReadOnlySet<int>> OnlineAsync(int consultationId)
    {
        var here = _connections.Values.Where(e => e.ConsultationId == consultationId).Select(e => e.UserId).ToHashSet();
        var shared = await _redis.TryAsync(async db => (RedisValue[])(await db.ScriptEvaluateAsync(ReadAndPrune, [Key(consultationId)], [_node.HeartbeatPrefix]))!,
            [], Unreachable);
        foreach (var userId in shared) here.Add((int)userId);
        return here;
    }

    private Task WriteAsync(string connectionId, int consultationId, int userId) =>
        _redis.TryAsync(async db =>
        {
            await db.HashSetAsync(Key(consultationId), connectionId, $"{_node.Id}|{userId}");
            await db.KeyExpireAsync(Key(consultationId), s_keepFor);
        }, Unreachable);

    public string Name => "consultation presence";

    /// <summary>Joins while Redis was away were not written: this node's entries are written again.</summary>
    public Task ResyncAsync(CancellationToken cancellationToken) => RewriteAsync();

    /// <summary>After this node's lease lapsed another node may have pruned its entries: they are all written again.</summary>
    private async Task RewriteAsync()
    {
        foreach (var (connectionId, (consultationId, userId)) in _connections) await WriteAsync(connectionId, consultationId, userId);
    }

    private RedisKey Key(int consultationId) => _redis.Key($"presence:{consultationId}");
}
