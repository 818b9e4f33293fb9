using System.Diagnostics.Metrics;
using Fajma.Core.Consultations;
using Fajma.Server.Platform;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Monitoring;

/// <summary>
/// Meter <c>Fajma.Fleet</c>, seed 000 §8.1: active devices, device availability and concurrent consultations, read from
/// the store every <see cref="ObservabilityOptions.SampleInterval"/>. The store is shared, so every node reports the
/// same cluster-wide values (a dashboard takes the max over nodes); a scrape only reads the last sample.
/// </summary>
public sealed partial class FleetGauges : BackgroundService
{
    public const string MeterName = "Fajma.Fleet";

    private static readonly ConsultationState[] s_inProgress =
        [.. Enum.GetValues<ConsultationState>().Where(s => s != ConsultationState.Scheduled && !ConsultationStateMachine.IsFinal(s))];

    private readonly IDbContextFactory<FajmaDbContext> _store;
    private readonly IOptions<Alerts.AlertOptions> _alerts;
    private readonly IOptions<ObservabilityOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FleetGauges> _logger;
    private readonly KeyValuePair<string, object?> _node;
    private volatile Sample _last = new([], 0);

    /// <summary>Per device type: registered (assigned, not revoked) and active (heard from within its no-data timeout).</summary>
    public sealed record Sample(IReadOnlyList<(string Type, int Registered, int Active)> Devices, int ConsultationsInProgress);

    public FleetGauges(IMeterFactory meters, NodeIdentity node, IDbContextFactory<FajmaDbContext> store, IOptions<Alerts.AlertOptions> alerts,
        IOptions<ObservabilityOptions> options, TimeProvider time, ILogger<FleetGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(node);
        (_store, _alerts, _options, _time, _logger) = (store, alerts, options, time, logger);
        _node = node.Label;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("fajma.devices.registered", () => _last.Devices.Select(d => new Measurement<int>(d.Registered, Type(d.Type), _node)),
            description: "Devices assigned to a patient and not revoked, by type");
        meter.CreateObservableGauge("fajma.devices.active", () => _last.Devices.Select(d => new Measurement<int>(d.Active, Type(d.Type), _node)),
            description: "Registered devices heard from within their type's no-data timeout, by type");
        meter.CreateObservableGauge("fajma.devices.availability", () => new Measurement<double>(Availability(_last), _node), unit: "1",
            description: "Active devices over registered devices (1 when none is registered)");
        meter.CreateObservableGauge("fajma.consultations.in_progress", () => new Measurement<int>(_last.ConsultationsInProgress, _node),
            description: "Consultations started and not yet completed, failed or cancelled");
    }

    public Sample Last => _last;

    public static double Availability(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var registered = sample.Devices.Sum(d => d.Registered);
        return registered == 0 ? 1 : (double)sample.Devices.Sum(d => d.Active) / registered;
    }

    public async Task<Sample> SampleAsync(CancellationToken cancellationToken)
    {
        await using var db = _store.CreateDbContext();
        var registered = db.Devices.AsNoTracking().Where(d => d.PatientId != null && d.RevokedAt == null);
        var byType = await registered.GroupBy(d => d.Type).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var devices = new List<(string, int, int)>(byType.Count);
        foreach (var type in byType)
        {
            // Each type has its own timeout (a thermometer reports hourly, a monitor every second): one count per type.
            var since = now - _alerts.Value.NoDataTimeout(type.Type);
            var active = await registered.CountAsync(d => d.Type == type.Type && d.LastSeenAt > since, cancellationToken);
            devices.Add((type.Type, type.Count, active));
        }
        var consultations = await db.Consultations.CountAsync(c => s_inProgress.Contains(c.State), cancellationToken);
        return _last = new Sample(devices, consultations);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.SampleInterval, _time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSampleFailed(e); // the gauges keep the last sample; the next tick tries again
            }
        }
        while (await timer.NextTickAsync(stoppingToken));
    }

    private static KeyValuePair<string, object?> Type(string type) => new("type", type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the fleet gauges from the store failed; keeping the last sample")]
    private partial void LogSampleFailed(Exception e);
}
