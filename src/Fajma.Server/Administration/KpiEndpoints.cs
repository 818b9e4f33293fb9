using Fajma.Core.Alerts;
using Fajma.Core.Operations;
using Fajma.Server.Identity;
using Fajma.Server.Platform;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Administration;

/// <summary><c>GET /api/v1/system/kpis</c>: the system page's indicators, per minute over the last hour.</summary>
public static class KpiEndpoints
{
    public static IEndpointRouteBuilder MapKpiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/system/kpis", GetKpis).WithTags("Administration").RequireAuthorization(Policies.Admin).RequireRateLimiting(RateLimiting.User)
            .WithSummary("Latency, delivery, availability, data quality, alert precision, bandwidth, consultations, active devices: the last hour per minute.");
        return app;
    }

    /// <summary>Not audited: counts and rates, no person's data, polled every few seconds by an open page.</summary>
    public static async Task<Ok<SystemKpis>> GetKpis(KpiRecorder recorder, Monitoring.FleetGauges fleet, NodeIdentity node, FajmaDbContext db,
        CancellationToken cancellationToken)
    {
        // A fresh fleet sample (a few counts) rather than the gauges' last, up to 15 s old: the page polls every few seconds.
        await fleet.SampleAsync(cancellationToken);
        recorder.SampleFleet();
        var minutes = recorder.Snapshot(out var current);
        var from = DateTimeOffset.FromUnixTimeSeconds(minutes[0].Minute * 60);
        var to = DateTimeOffset.FromUnixTimeSeconds((current + 1) * 60);
        // Outcomes are the doctors' ratings, kept in the store: cluster-wide, unlike the traffic counts.
        var rated = await db.Alerts.AsNoTracking().Where(a => a.Outcome != null && a.ResolvedAt >= from)
            .Select(a => new { a.ResolvedAt, a.Outcome }).ToListAsync(cancellationToken);
        var ratings = rated.GroupBy(a => KpiRecorder.MinuteOf(a.ResolvedAt!.Value))
            .ToDictionary(g => g.Key, g => ((long)g.Count(a => a.Outcome == AlertOutcome.Actionable), (long)g.Count(a => a.Outcome == AlertOutcome.NotActionable)));
        var points = minutes.Select(m => Point(DateTimeOffset.FromUnixTimeSeconds(m.Minute * 60), [m], ratings.GetValueOrDefault(m.Minute))).ToList();
        var hour = Point(from, minutes, (ratings.Values.Sum(r => r.Item1), ratings.Values.Sum(r => r.Item2)));
        return TypedResults.Ok(new SystemKpis(node.Id, from, to, hour, points));
    }

    private static KpiPoint Point(DateTimeOffset at, IReadOnlyList<KpiMinute> minutes, (long Actionable, long NotActionable) ratings)
    {
        var push = minutes.SelectMany(m => m.PushLatencies).ToList();
        var commit = minutes.SelectMany(m => m.CommitLatencies).ToList();
        var (received, acknowledged) = (minutes.Sum(m => m.Received), minutes.Sum(m => m.Acknowledged));
        var gauges = minutes.LastOrDefault(m => m.RegisteredDevices is not null);
        return new KpiPoint(at,
            Round(KpiFormulas.Mean(push)), Round(KpiFormulas.Percentile(push, 95)),
            Round(KpiFormulas.Mean(commit)), Round(KpiFormulas.Percentile(commit, 95)),
            received, acknowledged, minutes.Sum(m => m.Rejected),
            KpiFormulas.DeliveryRate(acknowledged, received),
            KpiFormulas.DataQuality(received, minutes.Sum(m => m.Implausible)),
            gauges is null ? null : KpiFormulas.DeviceAvailability(gauges.ActiveDevices!.Value, gauges.RegisteredDevices!.Value),
            gauges?.ActiveDevices, gauges?.Consultations,
            minutes.Sum(m => m.BytesIn), minutes.Sum(m => m.BytesOut),
            ratings.Actionable, ratings.NotActionable, KpiFormulas.AlertPrecision(ratings.Actionable, ratings.NotActionable));
    }

    private static double? Round(double? ms) => ms is { } v ? Math.Round(v, 1) : null;
}
