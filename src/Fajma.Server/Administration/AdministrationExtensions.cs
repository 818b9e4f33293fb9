namespace Fajma.Server.Administration;

/// <summary>The administrator's pages' server side: account holds (lock, sessions, reset links) and the system KPIs.</summary>
public static class AdministrationExtensions
{
    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KpiRecorder>();
        if (!Platform.BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<KpiRecorder>());
        return builder;
    }

    public static IEndpointRouteBuilder MapAdministration(this IEndpointRouteBuilder app)
    {
        app.MapAccountAdminEndpoints();
        app.MapKpiEndpoints();
        return app;
    }
}
