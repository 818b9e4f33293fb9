using StackExchange.Redis;

namespace Fajma.Server.Platform.Cluster;

/// <summary>
/// "Exactly one node does this": the first node to claim a key wins it for a while (Redis <c>SET NX PX</c>). Used
/// where every node would otherwise do the same thing at the same moment (page a doctor for an escalation step).
/// With Redis unreachable every node wins: a page sent twice beats a page never sent.
/// </summary>
public sealed partial class ClusterClaims(Microsoft.Extensions.Options.IOptions<RedisOptions> options, ILogger<ClusterClaims> logger, IConnectionMultiplexer? redis = null)
{
    public async Task<bool> TryClaimAsync(string key, TimeSpan holdFor)
    {
        if (redis is null) return true;
        try
        {
            return await redis.GetDatabase().StringSetAsync($"{options.Value.Prefix}:claim:{key}", 1, holdFor, When.NotExists);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogClaimUnavailable(e, key);
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming {Key} failed (Redis unreachable); acting without the claim")]
    private partial void LogClaimUnavailable(Exception e, string key);
}
