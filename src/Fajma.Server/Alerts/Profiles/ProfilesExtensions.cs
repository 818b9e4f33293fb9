namespace Fajma.Server.Alerts.Profiles;

public static class ProfilesExtensions
{
    public static IHostApplicationBuilder AddAlarmProfiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AlarmProfiles>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAlarmProfiles(this IEndpointRouteBuilder app)
    {
        app.MapAlarmProfileEndpoints();
        app.MapAlarmBurdenEndpoints();
        return app;
    }
}
