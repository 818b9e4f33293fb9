using System.Text.Json;
using Fajma.Server.Platform.Cluster;
using StackExchange.Redis;

namespace Fajma.Server.Alerts;

/// <summary>
/// On a cluster, each patient's rule states live in Redis so that two readings in a row count as two wherever they
/// landed. A node evaluates on its copy and writes back only if no other node wrote since it last read (compare and
/// set on a version, in one Lua script); otherwise it takes the newer state and evaluates the reading again on it.
/// Without Redis (one node) there is nothing to share. With Redis unreachable each node goes on with its own view:
/// alerts keep being raised, from readings each node took.
/// </summary>
public sealed class WatchStates(SharedRedis redis)
{
    /// <summary>A silent patient's shared state lapses; the next reading starts from this node's view and the open alerts.</summary>
    private static readonly TimeSpan s_keepFor = TimeSpan.FromDays(1);

    // KEYS[1] the patient's state; ARGV: expected version, new state, expiry (ms). Returns {1, version} when written,
    // {0, version, state} when another node wrote since.
    private static readonly LuaScript s_compareAndSet = LuaScript.Prepare("""
        local current = tonumber(redis.call('HGET', @key, 'v') or '0')
        if current ~= tonumber(@expected) then
          return {0, current, redis.call('HGET', @key, 's') or ''}
        end
        redis.call('HSET', @key, 'v', current + 1, 's', @state)
        redis.call('PEXPIRE', @key, @keepFor)
        return {1, current + 1}
        """);

    public bool IsShared => redis.IsClustered;

    /// <summary>The outcome of a write: written (at <see cref="Version"/>), or refused with the newer state to evaluate on.</summary>
    public readonly record struct Written(bool Done, long Version, WatchState? Newer, bool Unreachable);

    /// <remarks>Redis known to be down: this node's view at once, not a 5 s backlog wait per reading (<see cref="SharedRedis"/>).</remarks>
    public Task<Written> TryWriteAsync(int patientId, long expected, WatchState state)
    {
        if (!redis.IsClustered) return Task.FromResult(new Written(true, expected, null, false));
        return redis.TryAsync(async db =>
        {
            var result = (RedisResult[])(await db.ScriptEvaluateAsync(s_compareAndSet, new
            {
                key = redis.Key($"watch:{patientId}"), expected, state = JsonSerializer.Serialize(state, AlertsJsonContext.Default.WatchState),
                keepFor = (long)s_keepFor.TotalMilliseconds,
            }))!;
            if ((int)result[0] == 1) return new Written(true, (long)result[1], null, false);
            var newer = (string?)result[2];
            return new Written(false, (long)result[1], string.IsNullOrEmpty(newer) ? null : JsonSerializer.Deserialize(newer, AlertsJsonContext.Default.WatchState), false);
        }, new Written(true, expected, null, true), $"sharing patient {patientId}'s rule states failed; evaluating on this node's view");
    }
}
