namespace Fajma.Server.Platform.Cluster;

/// <summary>
/// "Exactly one node does this": the first node to claim a key wins it for a while (Redis <c>SET NX PX</c>). Used
/// where every node would otherwise do the same thing at the same moment (page a doctor for an escalation step).
/// With Redis unreachable every node wins: a page sent twice beats a page never sent.
/// </summary>
public sealed class ClusterClaims(SharedRedis redis)
{
    public Task<bool> TryClaimAsync(string key, TimeSpan holdFor) =>
        redis.IsClustered
            ? redis.TryAsync(db => db.StringSetAsync(redis.Key($"claim:{key}"), 1, holdFor, StackExchange.Redis.When.NotExists), true,
                $"claiming {key} failed; acting without the claim")
            : Task.FromResult(true);
}
