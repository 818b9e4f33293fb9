namespace Fajma.Server.Demo;

public static class DemoExtensions
{
    /// <summary>Only <c>fajma demo</c> seeds a clinic; a production node never registers it.</summary>
    public static IHostApplicationBuilder AddDemoClinic(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoClinic>();
        return builder;
    }
}
