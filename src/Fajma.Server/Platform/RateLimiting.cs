using System.Globalization;
using System.Threading.RateLimiting;
using Fajma.Server.Platform.Cluster;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Platform;

/// <summary>ASP.NET Core rate limiting: named policies that route groups apply, so no endpoint is left out; one hub filter for every hub call.</summary>
public static class RateLimiting
{
    public const string User = "user";
    public const string Login = "login";
    public const string Device = "device";

    /// <param name="userOf">The signed-in caller's partition key (null for none): Identity knows who is calling, the platform does not.</param>
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder, Func<HttpContext, string?> userOf)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(title: "Too many requests", detail: "Slow down and retry after the delay in Retry-After.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
            // Each partition is one limiter for the whole cluster with Redis:Configuration (ClusterRateLimiter), this node's otherwise.
            o.AddPolicy(User, http => RateLimitPartition.Get(
                userOf(http) ?? "ip:" + http.Connection.RemoteIpAddress,
                key => ClusterRateLimiter.TokenBucket(RedisOf(http), $"user:{key}", new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.UserRequestsPerSecond * 2,
                    TokensPerPeriod = limits.UserRequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                })));
            o.AddPolicy(Login, http => RateLimitPartition.Get(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                key => ClusterRateLimiter.SlidingWindow(RedisOf(http), $"login:{key}",
                    new SlidingWindowRateLimiterOptions { PermitLimit = limits.LoginPerMinute, Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0 })));
            o.AddPolicy(Device, http => RateLimitPartition.Get(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                key => ClusterRateLimiter.TokenBucket(RedisOf(http), $"device:{key}", new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.DeviceMessagesPerSecond * 2,
                    TokensPerPeriod = limits.DeviceMessagesPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                })));
        });
        builder.Services.AddSingleton(sp => new HubRateLimitFilter(limits, sp.GetRequiredService<HubMetrics>(), sp.GetRequiredService<SharedRedis>()));
        builder.Services.AddSignalR(o => o.AddFilter<HubRateLimitFilter>());
        return builder;
    }

    private static SharedRedis RedisOf(HttpContext http) => http.RequestServices.GetRequiredService<SharedRedis>();
}
