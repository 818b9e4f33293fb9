namespace Fajma.Server.Live;

/// <summary>Live delivery to browsers: the monitoring hub, the fan-out to watchers, per-client outboxes, measured sends.</summary>
public static class LiveExtensions
{
    public const string HubPath = "/hubs/monitoring";

    public static IHostApplicationBuilder AddLive(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<TrafficOptions>(builder.Configuration.GetSection("Traffic"));
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddSingleton<LiveMetrics>();
        MeasuredHubContext.Register(builder.Services);
        return builder;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        // A connection lives no longer than its access token; the browser reconnects with a fresh one.
        app.MapHub<MonitoringHub>(HubPath, o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }
}
