using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Threading.RateLimiting;
using Fajma.Server.Platform.Cluster;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Platform;

/// <summary>
/// Both hubs: a token bucket per user (<see cref="HubCallerContext.UserIdentifier"/>, the account) over every hub
/// method call, so a participant cannot flood a room with chat or signals, nor the audit log with subscriptions.
/// A refused call reaches the client as a <see cref="HubException"/> saying it was rate limited.
/// </summary>
public sealed class HubRateLimitFilter : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _calls;
    private readonly PartitionedRateLimiter<string> _watchList;
    private readonly ConcurrentDictionary<MethodInfo, bool> _isWatchList = new();
    private readonly HubMetrics _metrics;

    public HubRateLimitFilter(RateLimitOptions limits, HubMetrics metrics, SharedRedis redis)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _metrics = metrics;
        _calls = PerUser(redis, "hub", limits.HubInvocationBurst, limits.HubInvocationsPerSecond);
        _watchList = PerUser(redis, "hub-watch", limits.HubWatchListBurst, limits.HubWatchListPerSecond);
    }

    // One bucket per user for the whole cluster with Redis (ClusterRateLimiter), per node without.
    private static PartitionedRateLimiter<string> PerUser(SharedRedis redis, string name, int burst, int perSecond) =>
        PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.Get(user, key => ClusterRateLimiter.TokenBucket(redis, $"{name}:{key}",
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            })));

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        // Every hub requires a signed-in caller, so the connection id is only a fallback.
        var limiter = _isWatchList.GetOrAdd(invocationContext.HubMethod, m => m.IsDefined(typeof(WatchListCallAttribute), inherit: true)) ? _watchList : _calls;
        using (var lease = await limiter.AcquireAsync(invocationContext.Context.UserIdentifier ?? "connection:" + invocationContext.Context.ConnectionId))
        {
            if (!lease.IsAcquired)
            {
                _metrics.Refused(invocationContext, HubMetrics.RateLimited);
                var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
                throw new HubException(string.Create(CultureInfo.InvariantCulture, $"rate limited: too many calls to the server; retry in {wait} s"));
            }
        }
        return await next(invocationContext);
    }

    public void Dispose()
    {
        _calls.Dispose();
        _watchList.Dispose();
    }
}
