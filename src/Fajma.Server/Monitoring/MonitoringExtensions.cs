namespace Fajma.Server.Monitoring;

public static class MonitoringExtensions
{
    public const string HubPath = "/hubs/monitoring";

    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<TrafficOptions>(builder.Configuration.GetSection("Traffic"));
        builder.Services.AddSingleton<LiveFeed>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMonitoring(this IEndpointRouteBuilder app)
    {
        // A connection lives no longer than its access token; the browser reconnects with a fresh one.
        app.MapHub<MonitoringHub>(HubPath, o => o.CloseOnAuthenticationExpiration = true);
        app.MapObservationEndpoints();
        app.MapAlertThresholdEndpoints();
        return app;
    }
}
