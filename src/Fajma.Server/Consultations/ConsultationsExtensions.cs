using Fajma.Server.Platform;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Consultations;

public static class ConsultationsExtensions
{
    public const string HubPath = "/hubs/consultation";

    public static IHostApplicationBuilder AddConsultations(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ConsultationOptions>(builder.Configuration.GetSection(ConsultationOptions.Section));
        builder.Services.Configure<RtcOptions>(builder.Configuration.GetSection(RtcOptions.Section));
        builder.Services.AddScoped<ConsultationLifecycle>();
        builder.Services.AddScoped<ConsultationConsent>();
        builder.Services.AddSingleton<ConsultationChat>();
        builder.Services.AddSingleton<ConsultationPresence>();
        builder.Services.AddSingleton<Platform.Cluster.IResyncAfterOutage>(s => s.GetRequiredService<ConsultationPresence>());
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService<PresenceSweeper>();
        builder.Services.AddSingleton<VisitMail>();
        builder.Services.AddSingleton<VisitReminders>();
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<VisitReminders>());
        builder.Services.AddSingleton<IotSync>();
        builder.Services.AddSingleton<ConsultationTimeoutSweeper>();
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<ConsultationTimeoutSweeper>());
        // JSON only: a call's messages are few and small; MessagePack is offered where the volume is (the monitoring hub).
        builder.Services.AddSignalR().AddHubOptions<ConsultationHub>(o =>
        {
            o.AddFilter<ConsultationHubFilter>();
            o.SupportedProtocols = ["json"];
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapConsultations(this IEndpointRouteBuilder app)
    {
        // Stateful reconnect: a brief network drop replays what was in flight; after longer, the client resyncs (GetChatSince).
        app.MapHub<ConsultationHub>(HubPath, o =>
        {
            o.CloseOnAuthenticationExpiration = true;
            o.AllowStatefulReconnects = true;
        });
        app.MapConsultationEndpoints();
        app.MapVisitEndpoints();
        app.MapGuestEndpoints();
        app.MapRtcEndpoints();
        return app;
    }
}
