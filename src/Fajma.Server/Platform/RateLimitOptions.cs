namespace Fajma.Server.Platform;

/// <summary>Configuration section <c>RateLimits</c>: per signed-in user, per IP for sign-in, per IP for device ingestion, per user on the hubs.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>API requests per second per user (bursts up to twice that).</summary>
    public int UserRequestsPerSecond { get; set; } = 50;

    /// <summary>Sign-in and refresh attempts per minute per IP address, on top of the per-account lockout.</summary>
    public int LoginPerMinute { get; set; } = 30;

    /// <summary>HTTP device messages per second per IP address (a phone relay or gateway may carry many devices).</summary>
    public int DeviceMessagesPerSecond { get; set; } = 2000;

    /// <summary>Hub method calls per second per user, both hubs and every tab together (chat, WebRTC signals).</summary>
    public int HubInvocationsPerSecond { get; set; } = 50;

    /// <summary>Hub calls a user may make at once: a call's ICE candidates come in bursts of dozens per peer, so this is far above the steady rate.</summary>
    public int HubInvocationBurst { get; set; } = 500;

    /// <summary>Live subscriptions per second per user (<see cref="WatchListCallAttribute"/>), on a budget of their own.</summary>
    public int HubWatchListPerSecond { get; set; } = 100;

    /// <summary>Live subscriptions a user may make at once: a central station subscribes to its whole ward on (re)connect.</summary>
    public int HubWatchListBurst { get; set; } = 5000;
}
