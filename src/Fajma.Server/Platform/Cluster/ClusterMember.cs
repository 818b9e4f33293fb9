using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Fajma.Server.Platform.Cluster;

/// <summary>
/// This process as a member of the cluster: an id of its own (new at each start, so a restarted node never revives
/// what its previous life left in Redis) and a heartbeat key <c>{prefix}:node:{id}</c> renewed every
/// <see cref="RedisOptions.NodeHeartbeat"/> with an expiry of <see cref="RedisOptions.NodeLease"/>. State kept per
/// node in Redis (consultation presence) counts only while its node's key lives.
/// </summary>
public sealed partial class ClusterMember(SharedRedis redis, IOptions<RedisOptions> options, ILogger<ClusterMember> logger) : BackgroundService
{
    private readonly List<Func<Task>> _onLapse = [];

    public string Id { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>The heartbeat key of node <paramref name="id"/>; its prefix is <see cref="HeartbeatPrefix"/>.</summary>
    public RedisKey HeartbeatKey(string id) => redis.Key($"node:{id}");

    public string HeartbeatPrefix => (string)redis.Key("node:")!;

    /// <summary>
    /// Runs after a renewal found this node's key gone (Redis was away longer than the lease, or restarted empty):
    /// other nodes may have pruned what this node keeps in Redis, and it writes it again.
    /// </summary>
    public void OnLeaseLapsed(Func<Task> rewrite)
    {
        lock (_onLapse) _onLapse.Add(rewrite);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!redis.IsClustered) return;
        // Real time, not the TimeProvider: the lease is counted by Redis' clock, and a test's fake clock must not stop it.
        using var timer = new PeriodicTimer(options.Value.NodeHeartbeat);
        var first = true;
        do
        {
            var was = await redis.TryAsync(db => db.StringSetAndGetAsync(HeartbeatKey(Id), 1, options.Value.NodeLease), RedisValue.Null, "renewing this node's heartbeat");
            if (was.IsNull && redis.IsConnected && !first) await RewriteAsync();
            first = false;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A clean stop ends the lease at once; the node's connections closed with it.
        await redis.TryAsync(db => db.KeyDeleteAsync(HeartbeatKey(Id)), "ending this node's heartbeat");
    }

    private async Task RewriteAsync()
    {
        Func<Task>[] rewrites;
        lock (_onLapse) rewrites = [.. _onLapse];
        LogLapsed(rewrites.Length);
        foreach (var rewrite in rewrites)
        {
            try
            {
                await rewrite();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogRewriteFailed(e); // the next lapse tries again; one failing part must not stop the heartbeat
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "This node's heartbeat had lapsed; writing its shared state again ({Count} parts)")]
    private partial void LogLapsed(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing this node's shared state again after its heartbeat lapsed failed")]
    private partial void LogRewriteFailed(Exception e);
}
