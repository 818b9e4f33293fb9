using Fajma.Server.Administration;
using Fajma.Server.Alerts;
using Fajma.Server.Alerts.Nudges;
using Fajma.Server.Consultations;
using Fajma.Server.Devices;
using Fajma.Server.Fhir;
using Fajma.Server.Followers;
using Fajma.Server.Identity;
using Fajma.Server.Ingestion;
using Fajma.Server.Live;
using Fajma.Server.Monitoring;
using Fajma.Server.Observations;
using Fajma.Server.OnCall;
using Fajma.Server.Paging;
using Fajma.Server.Platform;
using Fajma.Server.Platform.Cluster;
using Fajma.Server.Privacy;
using Fajma.Server.Records;
using Fajma.Server.Storage;
using Fajma.Server.Triage;

namespace Fajma.Server;

/// <summary>The composition root: what the server is made of, in one screen. Used by Program, the CLI and tests.</summary>
public static class FajmaServer
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Content root is where the binaries are: appsettings.json and the built web app (wwwroot) sit there.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        builder.AddPlatform(ServerJsonContext.Default);
        builder.AddCluster();
        builder.AddRateLimits(CurrentUser.RateLimitKey);
        builder.AddObservability();
        builder.AddStorage();
        builder.AddAccounts();
        builder.AddPrivacy();
        builder.AddDevices();
        builder.AddHttps();
        builder.AddLoadBalancer();
        builder.AddOnCall();
        builder.AddPaging();
        builder.AddAlerts();
        builder.AddNudges();
        builder.AddObservations();
        builder.AddIngestion();
        builder.AddLive();
        builder.AddMonitoring();
        builder.AddConsultations();
        builder.AddFollowers();
        builder.AddFhir();
        builder.AddAdministration();
        builder.AddRecords();

        var app = builder.Build();
        app.UseLoadBalancer();
        app.UsePlatform();
        app.UseAccounts();
        app.UseRateLimiter();
        app.MapPlatformEndpoints();
        app.MapObservability();
        // Open to a session that still has to pass a required second factor: sign-in, refresh, who am I, sign-out, enrolment.
        app.MapAuthEndpoints();
        app.MapMfaEndpoints();
        // Everything else needs the second factor from the roles Auth:RequireMfaFor names (docs/mfa.md); hubs included.
        var routes = app.MapGroup("").RequireAuthorization(Policies.SecondFactor);
        routes.MapMfaReset();
        routes.MapUserEndpoints();
        routes.MapPasswordResetEndpoints();
        routes.MapAuditEndpoints();
        routes.MapBreakGlassEndpoints();
        routes.MapIngestionEndpoints();
        routes.MapPatientEndpoints();
        routes.MapDeviceEndpoints();
        routes.MapLive();
        routes.MapObservations();
        routes.MapMonitoring();
        routes.MapOnCall();
        routes.MapPaging();
        routes.MapAlerts();
        routes.MapNudges();
        routes.MapConsultations();
        routes.MapTriage();
        routes.MapFollowers();
        routes.MapFhir();
        routes.MapAdministration();
        routes.MapRecords();
        return app;
    }
}
