using StackExchange.Redis;

namespace Fajma.Server.Platform.Cluster;

public static class ClusterExtensions
{
    /// <summary>
    /// A single node by default; with <c>Redis:Configuration</c> a node of a cluster: one Redis connection shared by
    /// the SignalR backplane (hub groups span nodes), the <see cref="ClusterBus"/> and <see cref="ClusterClaims"/>.
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
            var connection = new Lazy<IConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(configuration));
            builder.Services.AddSingleton(_ => connection.Value);
            builder.Services.AddSignalR().AddStackExchangeRedis(o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal($"{settings.Prefix}:signalr");
                o.ConnectionFactory = _ => Task.FromResult(connection.Value);
            });
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthEndpoints.Ready]);
        }
        builder.Services.AddSingleton<ClusterBus>();
        builder.Services.AddHostedService(s => s.GetRequiredService<ClusterBus>());
        builder.Services.AddSingleton<ClusterClaims>();
        return builder;
    }
}
