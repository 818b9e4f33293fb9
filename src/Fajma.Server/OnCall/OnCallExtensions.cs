namespace Fajma.Server.OnCall;

public static class OnCallExtensions
{
    /// <summary>On-call rotas: the roster the alert ladder asks who to page first.</summary>
    public static IHostApplicationBuilder AddOnCall(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OnCallRoster>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOnCall(this IEndpointRouteBuilder app)
    {
        app.MapRotaEndpoints();
        app.MapOnCallEndpoints();
        return app;
    }
}
