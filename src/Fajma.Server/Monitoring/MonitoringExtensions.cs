namespace Fajma.Server.Monitoring;

public static class MonitoringExtensions
{
    public const string HubPath = "/hubs/monitoring";

    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveFeed>();
        return builder;
    }

    public static IEndpointRouteBuilder MapMonitoring(this IEndpointRouteBuilder app)
    {
        app.MapHub<MonitoringHub>(HubPath);
        app.MapObservationEndpoints();
        return app;
    }
}
