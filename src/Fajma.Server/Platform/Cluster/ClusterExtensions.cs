using StackExchange.Redis;

namespace Fajma.Server.Platform.Cluster;

public static class ClusterExtensions
{
    /// <summary>
    /// A single node by default; with <c>Redis:Configuration</c> a node of a cluster: the SignalR Redis backplane (hub
    /// groups span nodes) and one connection for the <see cref="ClusterBus"/> and <see cref="ClusterClaims"/>.
    /// Without it nothing Redis is registered, and the bus and claims act in-process.
    /// </summary>
    public static IHostApplicationBuilder AddCluster(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(RedisOptions.Section);
        builder.Services.Configure<RedisOptions>(section);
        var settings = section.Get<RedisOptions>() ?? new RedisOptions();
        if (!string.IsNullOrWhiteSpace(settings.Configuration))
        {
            var configuration = ConfigurationOptions.Parse(settings.Configuration);
            configuration.AbortOnConnectFail = false; // a node starts, and stays up, while Redis is away; it reconnects by itself
            configuration.ClientName ??= $"fajma-{Environment.MachineName}-{Environment.ProcessId}";
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(configuration));
            // The backplane keeps a connection of its own: it unsubscribes while the host is disposed, after ours may be gone.
            builder.Services.AddSignalR().AddStackExchangeRedis(o =>
            {
                o.Configuration = configuration.Clone();
                o.Configuration.ChannelPrefix = RedisChannel.Literal($"{settings.Prefix}:signalr");
            });
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.Ready]);
        }
        builder.Services.AddSingleton<ClusterBus>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ClusterBus>());
        builder.Services.AddSingleton<SharedRedis>();
        builder.Services.AddSingleton<ClusterClaims>();
        builder.Services.AddSingleton<ClusterResync>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ClusterResync>());
        builder.Services.AddSingleton<ClusterMember>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ClusterMember>());
        return builder;
    }
}
