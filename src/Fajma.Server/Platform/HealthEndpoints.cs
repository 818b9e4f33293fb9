using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fajma.Server.Platform;

/// <summary>
/// <c>/health/live</c>: the process answers (no dependency asked), for a supervisor deciding on a restart.
/// <c>/health/ready</c>: every check tagged <see cref="Ready"/> (store, broker, …) answers, for a load balancer deciding
/// where to send traffic. JSON either way, never the web app's page; <c>/health</c> stays as the readiness answer.
/// </summary>
public static class HealthEndpoints
{
    public const string Ready = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health", ready).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var checks = report.Entries.ToDictionary(e => e.Key, e => new HealthCheckAnswer(e.Value.Status.ToString(), e.Value.Description));
        return JsonSerializer.SerializeAsync(http.Response.Body, new HealthAnswer(report.Status.ToString(), checks),
            PlatformJsonContext.Default.HealthAnswer, http.RequestAborted);
    }
}
