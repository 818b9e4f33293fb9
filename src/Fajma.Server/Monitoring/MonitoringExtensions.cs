namespace Fajma.Server.Monitoring;

public static class MonitoringExtensions
{
    public const string HubPath = "/hubs/monitoring";

    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<TrafficOptions>(builder.Configuration.GetSection("Traffic"));
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddSingleton<LiveMetrics>();
        MeasuredHubContext.Register(builder.Services);
        builder.Services.AddSingleton<FleetGauges>();
        if (!Platform.BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<FleetGauges>());
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
