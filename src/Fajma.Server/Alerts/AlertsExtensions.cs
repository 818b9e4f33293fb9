namespace Fajma.Server.Alerts;

public static class AlertsExtensions
{
    /// <summary>The alert engine and its lanes: recovery runs before ingestion starts, so no reading meets an empty alert board.</summary>
    public static IHostApplicationBuilder AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<AlertOptions>(builder.Configuration.GetSection("Alerts"));
        builder.Services.AddHttpClient(nameof(AlertWebhook));
        builder.Services.AddSingleton<AlertMetrics>();
        builder.Services.AddSingleton<Live.ITrafficShedding>(sp => sp.GetRequiredService<AlertMetrics>());
        builder.Services.AddSingleton<Live.LiveChannel>(AlertChannels.News2);
        builder.Services.AddSingleton<OpenAlerts>();
        builder.Services.AddSingleton<WatchStates>();
        builder.Services.AddSingleton<SharedLastSeen>();
        builder.Services.AddSingleton<DeviceAlertKeys>();
        builder.Services.AddSingleton<AlertJournal>();
        builder.Services.AddSingleton<AlertWebhook>();
        builder.Services.AddSingleton<AlertNotifier>();
        builder.Services.AddSingleton<AlertEngine>();
        builder.Services.AddScoped<AlertLifecycle>();
        builder.Services.AddScoped<Paging.IPageAcknowledger, AlertPageAcknowledger>();
        builder.Services.AddSingleton<AlertEscalator>();
        builder.Services.AddSingleton<NoDataWatch>();
        builder.Services.AddSingleton<SystemMonitor>();
        if (Platform.BuildTimeDocument.IsGenerating) return builder;
        builder.Services.AddSingleton<AlertRecovery>();
        builder.Services.AddHostedService(s => s.GetRequiredService<AlertRecovery>());
        builder.Services.AddSingleton<Platform.Cluster.IResyncAfterOutage>(s => s.GetRequiredService<AlertRecovery>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertJournal>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertWebhook>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertEscalator>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NoDataWatch>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SystemMonitor>());
        return builder;
    }

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        app.MapAlertEndpoints();
        app.MapNews2Endpoints();
        return app;
    }
}
