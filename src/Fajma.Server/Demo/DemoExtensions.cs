namespace Fajma.Server.Demo;

public static class DemoExtensions
{
    /// <summary>Only <c>fajma demo</c> seeds a clinic; a production node never registers it.</summary>
    public static IHostApplicationBuilder AddDemoClinic(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DemoClinic>();
        // A local push service may stand in for the browsers' (the browser tests run one on 127.0.0.1).
        builder.Services.PostConfigure<Paging.PagingOptions>(o => o.Push.AllowLoopback = true);
        return builder;
    }
}
