using System.Threading.RateLimiting;
using RedisRateLimiting;

namespace Fajma.Server.Platform.Cluster;

/// <summary>
/// One limit for the whole cluster: permits are counted in Redis (RedisRateLimiting's sliding window and token bucket
/// scripts), so N nodes allow what one node allows. Redis away or failing: this node falls back to its own limiter with
/// the same limits (fail open per node: a cluster then allows up to N times the limit, never refuses everything, and
/// the client never sees the fault). Without Redis it is the local limiter alone, exactly as on one node.
/// </summary>
public sealed class ClusterRateLimiter : RateLimiter
{
    private static readonly RateLimitLease s_askAsync = new Refused(null, null);
    private readonly RateLimiter _shared;
    private readonly RateLimiter _local;
    private readonly SharedRedis _redis;
    private readonly TimeSpan _retryAfter;

    private ClusterRateLimiter(RateLimiter shared, RateLimiter local, SharedRedis redis, TimeSpan retryAfter) =>
        (_shared, _local, _redis, _retryAfter) = (shared, local, redis, retryAfter);

    /// <summary>A sliding window of <paramref name="local"/>'s limit; a refusal says retry after one segment, as the local one does.</summary>
    public static RateLimiter SlidingWindow(SharedRedis redis, string key, SlidingWindowRateLimiterOptions local)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(local);
        if (redis.Multiplexer is not { } multiplexer) return new SlidingWindowRateLimiter(local);
        var shared = new RedisSlidingWindowRateLimiter<string>(Partition(redis, key),
            new RedisSlidingWindowRateLimiterOptions { PermitLimit = local.PermitLimit, Window = local.Window, ConnectionMultiplexerFactory = () => multiplexer });
        return new ClusterRateLimiter(shared, new SlidingWindowRateLimiter(local), redis, local.Window / local.SegmentsPerWindow);
    }

    public static RateLimiter TokenBucket(SharedRedis redis, string key, TokenBucketRateLimiterOptions local)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(local);
        if (redis.Multiplexer is not { } multiplexer) return new TokenBucketRateLimiter(local);
        var shared = new RedisTokenBucketRateLimiter<string>(Partition(redis, key), new RedisTokenBucketRateLimiterOptions
        {
            TokenLimit = local.TokenLimit, TokensPerPeriod = local.TokensPerPeriod, ReplenishmentPeriod = local.ReplenishmentPeriod,
            ConnectionMultiplexerFactory = () => multiplexer,
        });
        return new ClusterRateLimiter(shared, new TokenBucketRateLimiter(local), redis, local.ReplenishmentPeriod);
    }

    // The library keys its state "rl:sw:{partition}": the partition carries the deployment's prefix.
    private static string Partition(SharedRedis redis, string key) => (string)redis.Key($"rl:{key}")!;

    public override TimeSpan? IdleDuration => _shared.IdleDuration is { } shared && _local.IdleDuration is { } local ? TimeSpan.FromTicks(Math.Min(shared.Ticks, local.Ticks)) : null;

    // The local one's: asking Redis for statistics is a blocking round trip.
    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    /// <remarks>
    /// Redis is asked only asynchronously: a lease not acquired here sends ASP.NET Core's middleware on to
    /// <see cref="AcquireAsyncCore"/>, as the library's own limiters do. Redis known down: the local answer at once.
    /// </remarks>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => _redis.IsConnected ? s_askAsync : _local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var lease = await _redis.TryAsync(async _ => await _shared.AcquireAsync(permitCount, cancellationToken), () => _local.AttemptAcquire(permitCount),
            "a cluster-wide rate limit fell back to this node's limiter");
        return lease.IsAcquired || lease.TryGetMetadata(MetadataName.RetryAfter, out _) ? lease : new Refused(lease, RetryAfterOf(lease));
    }

    // The token bucket tells whole seconds under its own metadata name; the sliding window tells nothing.
    private TimeSpan RetryAfterOf(RateLimitLease lease) =>
        lease.TryGetMetadata(RateLimitMetadataName.RetryAfter.Name, out var seconds) && seconds is int s && s > 0 ? TimeSpan.FromSeconds(s) : _retryAfter;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared.Dispose();
            _local.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>A refusal that says when to retry under the name ASP.NET Core's 429 handler and the hub filter read.</summary>
    private sealed class Refused(RateLimitLease? inner, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner?.Dispose();
            base.Dispose(disposing);
        }
    }
}
