using Fajma.Server.Platform;

namespace Fajma.Server.Followers;

/// <summary>Followers: family members and caregivers a patient invites, what each sees, and their pages.</summary>
public static class FollowersExtensions
{
    public static IHostApplicationBuilder AddFollowers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FollowerCut>();
        builder.Services.AddSingleton<FollowerPaging>();
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService(sp => sp.GetRequiredService<FollowerPaging>());
        return builder;
    }

    public static IEndpointRouteBuilder MapFollowers(this IEndpointRouteBuilder app)
    {
        // Built now, not at its first use here: every node must hear a cut published on another from the start.
        app.ServiceProvider.GetRequiredService<FollowerCut>();
        app.MapFollowerEndpoints();
        app.MapFollowingEndpoints();
        return app;
    }
}
