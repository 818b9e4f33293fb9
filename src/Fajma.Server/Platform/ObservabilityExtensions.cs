using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Fajma.Server.Platform;

/// <summary>
/// Metrics in Prometheus text format at <c>/metrics</c> (OpenTelemetry): ingestion, the writer, alerts, hub refusals, live
/// delivery, the fleet, ASP.NET Core, the runtime. Every Fajma series carries <c>node</c> (<see cref="NodeIdentity"/>);
/// the resource (<c>target_info</c>) names the service and the node too, for the series that are not Fajma's.
/// </summary>
public static class ObservabilityExtensions
{
    /// <summary>Seconds, 1 ms to 10 s: a live reading's latency budget is about a second (seed 000 §6.2), the tail up to ten.</summary>
    public static readonly System.Diagnostics.Metrics.InstrumentAdvice<double> LatencyBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    /// <summary>Every meter of the server: Fajma.Ingestion, Fajma.Storage, Fajma.Alerts, Fajma.Hubs, Fajma.Live, Fajma.Fleet, …</summary>
    public const string FajmaMeters = "Fajma.*";

    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        var node = NodeIdentity.From(builder.Configuration);
        builder.Services.AddSingleton(node);
        builder.Services.Configure<ObservabilityOptions>(builder.Configuration.GetSection(ObservabilityOptions.Section));
        builder.Services.AddSingleton<HubMetrics>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("fajma", serviceInstanceId: node.Id, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddMeter(FajmaMeters) // each feature names its meter Fajma.<area>; the platform knows none of them
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        return builder;
    }

    public static IEndpointRouteBuilder MapObservability(this WebApplication app)
    {
        // Counters only, no patient data; bound to loopback in the embedded default. Scale-out puts it behind the scraper's network.
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
