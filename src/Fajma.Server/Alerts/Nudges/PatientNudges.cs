using System.Collections.Concurrent;
using System.Threading.Channels;
using Fajma.Core.Alerts;
using Fajma.Core.Messages;
using Fajma.Core.Nudges;
using Fajma.Core.Traffic;
using Fajma.Server.Platform;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Alerts.Nudges;

/// <summary>
/// Nudges the patient before a doctor is paged (<see cref="NudgeMachine"/>): a silent device (told by
/// <see cref="NoDataWatch"/>), a low battery, a sensor off the skin. Where each stands is held in memory and moved on
/// the reading path without touching the store; what follows a step — the row, the push, the care team's alert — runs
/// on this service's own lane, so a slow push service delays no reading. Open nudges come back from the store at start.
/// </summary>
public sealed partial class PatientNudges(IDbContextFactory<FajmaDbContext> store, AlertEngine engine, NudgePusher pusher, IOptions<NudgeOptions> options,
    IOptions<AlertOptions> alertOptions, TimeProvider time, ILogger<PatientNudges> logger) : BackgroundService
{
    private sealed record Tracked(int PatientId, NudgeState State, int? Battery);

    private sealed record Change(string DeviceId, NudgeKind Kind, int PatientId, NudgeStep Step, DateTimeOffset At, int? Battery);

    private readonly ConcurrentDictionary<(string DeviceId, NudgeKind Kind), Tracked> _tracked = new();
    private readonly Channel<Change> _changes = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();

    public bool Enabled => options.Value.Enabled;

    /// <summary>The care team's alert for a nudge of this kind left unresolved: the no-data rule for silence, a device rule for the others.</summary>
    public static string Rule(string deviceId, NudgeKind kind) => kind switch
    {
        NudgeKind.MissingMeasurement => NoDataWatch.Rule(deviceId),
        NudgeKind.LowBattery => $"device:{deviceId}:LOW_BATTERY",
        _ => $"device:{deviceId}:SENSOR_OFF_SKIN",
    };

    /// <summary>
    /// The no-data sweep found the device silent (<paramref name="excused"/>: by a planned device-off period or a
    /// snooze). True when the care team's no-data alert is due: nudges off, or the patient was nudged past the limit.
    /// </summary>
    public bool Silent(int patientId, string deviceId, DateTimeOffset now, bool excused)
    {
        if (!Enabled) return !excused;
        var step = Step(deviceId, NudgeKind.MissingMeasurement, patientId, bad: !excused, now, null);
        return step?.Next.EscalatedAt is not null;
    }

    /// <summary>
    /// A new reading (never a duplicate) from the device: any reading ends a silence; a live status reports the battery;
    /// live vital signs with a trusted clock tell whether the sensor is on the skin. A backlog or a reading that cannot be
    /// placed in time raises nothing.
    /// </summary>
    public void Observe(int patientId, DeviceReading reading, TrafficClass traffic, DateTimeOffset receivedAt, bool clockDoubtful)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (!Enabled) return;
        var id = reading.DeviceId;
        Heard(patientId, id, receivedAt);
        if (traffic == TrafficClass.HistoricalData || clockDoubtful) return;
        var policy = options.Value.Policy;
        if (reading.Status?.BatteryLevel is { } level)
        {
            var wasLow = _tracked.ContainsKey((id, NudgeKind.LowBattery));
            var low = policy.IsLowBattery(level, wasLow);
            if (low || wasLow) Step(id, NudgeKind.LowBattery, patientId, low, receivedAt, level);
        }
        if (traffic != TrafficClass.VitalSigns || reading.Measurements.Count == 0) return;
        var doubtful = reading.Measurements.All(m => policy.IsDoubtful(m.Quality));
        if (doubtful || _tracked.ContainsKey((id, NudgeKind.SensorOffSkin))) Step(id, NudgeKind.SensorOffSkin, patientId, doubtful, receivedAt, null);
    }

    /// <summary>The device sent (here or, on a cluster, to another node): a silence is over.</summary>
    public void Heard(int patientId, string deviceId, DateTimeOffset at)
    {
        if (_tracked.ContainsKey((deviceId, NudgeKind.MissingMeasurement))) Step(deviceId, NudgeKind.MissingMeasurement, patientId, bad: false, at, null);
    }

    /// <summary>
    /// Moves time on to the limit for a nudged low battery or sensor off the skin, which last without readings. A nudge
    /// itself needs a reading saying so: time alone never nudges (an off-skin run is only readings, from a trusted clock).
    /// </summary>
    public void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var ((deviceId, kind), tracked) in _tracked)
        {
            if (kind != NudgeKind.MissingMeasurement && tracked.State.IsNudged) Step(deviceId, kind, tracked.PatientId, bad: true, now, null);
        }
    }

    private NudgeStep? Step(string deviceId, NudgeKind kind, int patientId, bool bad, DateTimeOffset now, int? battery)
    {
        lock (_gate)
        {
            var key = (deviceId, kind);
            var tracked = _tracked.GetValueOrDefault(key);
            if (tracked is null && !bad) return null;
            tracked ??= new Tracked(patientId, NudgeState.Clear, null);
            var step = NudgeMachine.Step(tracked.State, bad, now, kind, options.Value.Policy);
            if (step.Next.BadSince is null) _tracked.TryRemove(key, out _);
            else _tracked[key] = new Tracked(patientId, step.Next, battery ?? tracked.Battery);
            if (step.Nudge || step.Escalate || step.Clear) _changes.Writer.TryWrite(new Change(deviceId, kind, patientId, step, now, battery ?? tracked.Battery));
            return step;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeAsync(stoppingToken);
        await Task.WhenAll(ApplyAllAsync(stoppingToken), SweepAllAsync(stoppingToken));
    }

    private async Task SweepAllAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(alertOptions.Value.SweepInterval, time);
        while (await timer.NextTickAsync(stoppingToken)) Sweep();
    }

    private async Task ApplyAllAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in _changes.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ApplyAsync(change, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogApplyFailed(e, change.Kind, change.DeviceId);
            }
        }
    }

    /// <summary>Open nudges carry on where they stood: nudged when raised, escalated if they were.</summary>
    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        foreach (var open in await db.Nudges.AsNoTracking().Where(n => n.ClearedAt == null).ToListAsync(cancellationToken))
            _tracked.TryAdd((open.DeviceId, open.Kind), new Tracked(open.PatientId, new NudgeState(open.RaisedAt, open.RaisedAt, open.EscalatedAt), open.Battery));
    }

    private async Task ApplyAsync(Change change, CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var row = await db.Nudges.FirstOrDefaultAsync(n => n.DeviceId == change.DeviceId && n.Kind == change.Kind && n.ClearedAt == null, cancellationToken);
        if (change.Step.Nudge && row is null)
        {
            row = new Nudge { Id = Guid.CreateVersion7(change.At), PatientId = change.PatientId, DeviceId = change.DeviceId, Kind = change.Kind,
                Battery = change.Kind == NudgeKind.LowBattery ? change.Battery : null, RaisedAt = change.At };
            db.Nudges.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return; // another node raised it first (one open nudge per device and kind): it pushes, not this one
            }
            if (await pusher.PushAsync(row, cleared: false, cancellationToken)) row.PushedAt = time.GetUtcNow();
        }
        if (row is null) return;
        if (change.Step.Escalate && row.EscalatedAt is null)
        {
            row.EscalatedAt = change.At;
            // Silence is the no-data watch's own alert, raised as this step returns; the others are raised here.
            if (change.Kind != NudgeKind.MissingMeasurement)
                await engine.RaiseAsync(AlertKind.Device, row.PatientId, Rule(row.DeviceId, row.Kind), row.Kind == NudgeKind.LowBattery ? AlertSeverity.Warning : AlertSeverity.Major,
                    EscalationContent(row), row.DeviceId, cancellationToken);
        }
        if (change.Step.Clear)
        {
            row.ClearedAt = change.At;
            if (row.EscalatedAt is not null && row.Kind != NudgeKind.MissingMeasurement) engine.ResolveByItself(row.PatientId, Rule(row.DeviceId, row.Kind));
        }
        await db.SaveChangesAsync(cancellationToken);
        if (change.Step.Clear && row.PushedAt is not null) await pusher.PushAsync(row, cleared: true, cancellationToken);
    }

    private static AlertContent EscalationContent(Nudge row) => new(
        row.Kind == NudgeKind.LowBattery
            ? $"Battery of {row.DeviceId} low ({row.Battery} %): the patient was nudged and it is still not charged"
            : $"Sensor {row.DeviceId} off the skin: the patient was nudged and its readings are still doubtful",
        Detail: $"The patient was nudged at {row.RaisedAt:HH:mm} UTC.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Applying a {Kind} nudge of {DeviceId} failed")]
    private partial void LogApplyFailed(Exception e, NudgeKind kind, string deviceId);
}
