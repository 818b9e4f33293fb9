using Fajma.Server.Live;

namespace Fajma.Server.Monitoring;

public static class MonitoringExtensions
{
    public static IHostApplicationBuilder AddMonitoring(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ILiveAccess, CareTeamWatch>();
        builder.Services.AddSingleton<FleetGauges>();
        if (!Platform.BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<FleetGauges>());
        return builder;
    }

    public static IEndpointRouteBuilder MapMonitoring(this IEndpointRouteBuilder app)
    {
        app.MapAlertThresholdEndpoints();
        return app;
    }
}
