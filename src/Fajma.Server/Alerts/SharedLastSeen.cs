using Fajma.Server.Platform.Cluster;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Fajma.Server.Alerts;

/// <summary>
/// On a cluster a device's messages land on any node, so silence is judged on the latest message any node took: each
/// node writes the last-seen times it learned (once per sweep, keeping the later of two) and reads them back for the
/// devices it is about to call silent. One node: nothing to share. Redis away: each node judges on what it took.
/// </summary>
public sealed partial class SharedLastSeen(IOptions<RedisOptions> options, ILogger<SharedLastSeen> logger, IConnectionMultiplexer? redis = null)
{
    // KEYS[1] the hash; ARGV pairs of device id and Unix milliseconds: a later time replaces an earlier one, never the reverse.
    private const string KeepLater = """
        for i = 1, #ARGV, 2 do
          local current = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
          if tonumber(ARGV[i + 1]) > current then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        end
        return 0
        """;

    public bool IsShared => redis is not null;

    private RedisKey Key => $"{options.Value.Prefix}:lastseen";

    public async Task WriteAsync(IReadOnlyDictionary<string, DateTimeOffset> seen)
    {
        if (redis is null || seen.Count == 0) return;
        var args = seen.SelectMany(s => new RedisValue[] { s.Key, s.Value.ToUnixTimeMilliseconds() }).ToArray();
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(KeepLater, [Key], args);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnreachable(e);
        }
    }

    /// <summary>The latest time any node took a message from each device; a device no node has written is absent.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ReadAsync(IReadOnlyList<string> deviceIds)
    {
        if (redis is null || deviceIds.Count == 0) return new Dictionary<string, DateTimeOffset>();
        try
        {
            var values = await redis.GetDatabase().HashGetAsync(Key, [.. deviceIds.Select(d => (RedisValue)d)]);
            return deviceIds.Zip(values).Where(p => p.Second.HasValue)
                .ToDictionary(p => p.First, p => DateTimeOffset.FromUnixTimeMilliseconds((long)p.Second), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnreachable(e);
            return new Dictionary<string, DateTimeOffset>();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sharing devices' last-seen times failed (Redis unreachable); judging silence on this node's messages")]
    private partial void LogUnreachable(Exception e);
}
