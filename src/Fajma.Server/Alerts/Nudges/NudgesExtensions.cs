namespace Fajma.Server.Alerts.Nudges;

public static class NudgesExtensions
{
    /// <summary>Patient nudges before a doctor is paged; the no-data watch asks them before it pages.</summary>
    public static IHostApplicationBuilder AddNudges(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<NudgeOptions>(builder.Configuration.GetSection("Nudges"));
        builder.Services.AddSingleton<NudgePusher>();
        builder.Services.AddSingleton<PatientNudges>();
        if (!Platform.BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<PatientNudges>());
        return builder;
    }

    public static IEndpointRouteBuilder MapNudges(this IEndpointRouteBuilder app) => app.MapNudgeEndpoints();
}
