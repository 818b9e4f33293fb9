using Fajma.Server.Platform;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.IdentityModel.Tokens;

namespace Fajma.Server.Identity;

public static class IdentityExtensions
{
    /// <summary>Accounts, JWT bearer authentication (ES256 only, explicit clock skew) and the session revocation check, on HTTP and hubs.</summary>
    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        builder.Services.Configure<AuthOptions>(section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        auth.ValidateRequireMfaFor();
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var key = BuildTimeDocument.IsGenerating ? SigningKey.Ephemeral() : SigningKey.Load(auth, storage.DataDirectory);

        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<RevokedSessions>();
        builder.Services.AddSingleton<Platform.Cluster.IResyncAfterOutage, RevocationResync>();
        builder.Services.AddSingleton<SessionConnections>();
        // Both hubs: a revoked session's connections close at once, and its calls are refused.
        builder.Services.AddSingleton<SessionHubFilter>();
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        builder.Services.AddSignalR(o => o.AddFilter<SessionHubFilter>());
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddScoped<Accounts>();
        builder.Services.AddScoped<UserSessions>();
        builder.Services.AddScoped<PasswordResets>();
        builder.Services.AddSingleton<SecondFactor>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, SecondFactorHandler>();
        builder.Services.AddSingleton<SecondFactorRefusal>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler>(sp => sp.GetRequiredService<SecondFactorRefusal>());
        if (!BuildTimeDocument.IsGenerating) builder.Services.AddHostedService<BootstrapAdmin>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = auth.Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                ClockSkew = auth.ClockSkew,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                NameClaimType = FajmaClaims.Name,
                RoleClaimType = FajmaClaims.Role,
            };
            o.Events = new JwtBearerEvents
            {
                // Browsers cannot set headers on WebSockets: SignalR sends the token as access_token.
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is { Count: > 0 } token)
                        context.Token = token;
                    return Task.CompletedTask;
                },
                OnTokenValidated = context =>
                {
                    var revoked = context.HttpContext.RequestServices.GetRequiredService<RevokedSessions>();
                    if (!Guid.TryParse(context.Principal?.FindFirst(FajmaClaims.Session)?.Value, out var session) || revoked.IsRevoked(session))
                        context.Fail("the session has ended");
                    return Task.CompletedTask;
                },
            };
        });
        // Everything needs a signed-in caller unless it says otherwise, so a new endpoint cannot forget it.
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Doctor, p => p.RequireRole(Roles.Doctor))
            .AddPolicy(Policies.Clinician, p => p.RequireRole(Roles.Doctor, Roles.Admin))
            .AddPolicy(Policies.Patient, p => p.RequireRole(Roles.Patient))
            .AddPolicy(Policies.Follower, p => p.RequireRole(Roles.Follower))
            .AddPolicy(Policies.SecondFactor, p => p.RequireAuthenticatedUser().AddRequirements(new SecondFactorRequirement()));
        return builder;
    }

    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
