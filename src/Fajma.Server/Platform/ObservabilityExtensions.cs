using Fajma.Server.Ingestion;
using Fajma.Server.Storage;
using OpenTelemetry.Metrics;

namespace Fajma.Server.Platform;

/// <summary>Metrics in Prometheus text format at <c>/metrics</c> (OpenTelemetry): ingestion, the writer, alerts, hub refusals, ASP.NET Core, the runtime.</summary>
public static class ObservabilityExtensions
{
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HubMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(IngestionMetrics.MeterName, WriterStatistics.MeterName, Alerts.AlertMetrics.MeterName, HubMetrics.MeterName)
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
