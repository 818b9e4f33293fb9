using Fajma.Server.Platform.Cluster;
using StackExchange.Redis;

namespace Fajma.Server.Alerts;

/// <summary>
/// On a cluster a device's messages land on any node, so silence is judged on the latest message any node took: each
/// node writes the last-seen times it learned (once per sweep, keeping the later of two) and reads them back for the
/// devices it is about to call silent. One node: nothing to share. Redis away: each node judges on what it took.
/// </summary>
public sealed class SharedLastSeen(SharedRedis redis)
{
    // KEYS[1] the hash; ARGV pairs of device id and Unix milliseconds: a later time replaces an earlier one, never the reverse.
    private const string KeepLater = """
        for i = 1, #ARGV, 2 do
          local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
          if tonumber(ARGV[i + 1]) > current then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        end
        return 0
        """;

    private const string Unreachable = "sharing devices' last-seen times failed; judging silence on this node's messages";

    public bool IsShared => redis.IsClustered;

    private RedisKey Key => redis.Key("lastseen");

    public async Task WriteAsync(IReadOnlyDictionary<string, DateTimeOffset> seen)
    {
        if (seen.Count == 0) return;
        var args = seen.SelectMany(s => new RedisValue[] { s.Key, s.Value.ToUnixTimeMilliseconds() }).ToArray();
        await redis.TryAsync(db => db.ScriptEvaluateAsync(KeepLater, [Key], args), Unreachable);
    }

    /// <summary>The latest time any node took a message from each device; a device no node has written is absent.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ReadAsync(IReadOnlyList<string> deviceIds)
    {
        var none = new Dictionary<string, DateTimeOffset>();
        if (deviceIds.Count == 0) return none;
        return await redis.TryAsync<IReadOnlyDictionary<string, DateTimeOffset>>(async db =>
        {
            var values = await db.HashGetAsync(Key, [.. deviceIds.Select(d => (RedisValue)d)]);
            return deviceIds.Zip(values).Where(p => p.Second.HasValue)
                .ToDictionary(p => p.First, p => DateTimeOffset.FromUnixTimeMilliseconds((long)p.Second), StringComparer.Ordinal);
        }, none, Unreachable);
    }
}
