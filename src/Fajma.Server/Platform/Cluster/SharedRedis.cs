using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Fajma.Server.Platform.Cluster;

/// <summary>
/// The one rule for every use of Redis that has a local answer: no Redis (one node), or Redis known to be down, or a
/// call that fails, gives the caller's fallback and a warning, never an exception. Asking a disconnected multiplexer
/// anyway would wait out its backlog timeout (5 s) on every call (ClusterFaultTests).
/// </summary>
public sealed partial class SharedRedis(IOptions<RedisOptions> options, ILogger<SharedRedis> logger, IConnectionMultiplexer? redis = null)
{
    /// <summary>Set: this node is one of a cluster.</summary>
    public IConnectionMultiplexer? Multiplexer => redis;

    public bool IsClustered => redis is not null;

    /// <summary>Clustered and connected right now.</summary>
    public bool IsConnected => redis is { IsConnected: true };

    /// <summary>A key of this deployment: <c>{Redis:Prefix}:{name}</c>.</summary>
    public RedisKey Key(string name) => $"{options.Value.Prefix}:{name}";

    /// <summary><paramref name="action"/>'s result, or <paramref name="fallback"/> when Redis cannot answer; <paramref name="what"/> names the loss in the log.</summary>
    public Task<T> TryAsync<T>(Func<IDatabase, Task<T>> action, T fallback, string what) => TryAsync(action, () => fallback, what);

    /// <summary>As above; <paramref name="fallback"/> runs only when Redis cannot answer (it may take a local permit).</summary>
    public async Task<T> TryAsync<T>(Func<IDatabase, Task<T>> action, Func<T> fallback, string what)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(fallback);
        if (redis is null || !redis.IsConnected) return fallback();
        try
        {
            return await action(redis.GetDatabase());
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnreachable(e, what);
            return fallback();
        }
    }

    public Task TryAsync(Func<IDatabase, Task> action, string what) =>
        TryAsync(async db =>
        {
            await action(db);
            return true;
        }, false, what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: {What}")]
    private partial void LogUnreachable(Exception e, string what);
}
