namespace Fajma.Server.Platform.Cluster;

/// <summary>Configuration section <c>Redis</c>. Set, the node is one of a cluster: live fan-out, alert rule states and claims go through Redis.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis1:6379,password=…,ssl=true</c>. Unset: a single node.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every Redis key and channel this deployment uses, so several deployments can share one Redis.</summary>
    public string Prefix { get; set; } = "fajma";

    /// <summary>How often a node renews its heartbeat key <c>{Prefix}:node:{id}</c>.</summary>
    public TimeSpan NodeHeartbeat { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a heartbeat holds: a node silent this long counts as dead (its presence entries are offline).</summary>
    public TimeSpan NodeLease { get; set; } = TimeSpan.FromSeconds(15);
}
