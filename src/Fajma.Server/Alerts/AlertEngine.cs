using System.Collections.Concurrent;
using System.Text.Json;
using Fajma.Core.Alerts;
using Fajma.Core.Crypto;
using Fajma.Core.Messages;
using Fajma.Core.Traffic;
using Fajma.Core.Vitals;
using Fajma.Server.Live;
using Fajma.Server.OnCall;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts;

/// <summary>
/// Raises, folds and resolves alerts from what devices send, before the message is stored: ingestion calls it
/// after a message is authenticated and before the group commit, so an alert leaves for browsers while the
/// commit is still under way. Patients' rules and rule states are held in memory (<see cref="PatientWatch"/>),
/// reloaded every minute and when their doctor changes a limit; open alerts come back from the store at start. On a
/// cluster the rule states are shared (<see cref="WatchStates"/>), so a rule counts readings whichever node took them.
/// </summary>
public sealed class AlertEngine(OpenAlerts open, AlertNotifier notifier, AlertJournal journal, AlertMetrics metrics, IDbContextFactory<FajmaDbContext> store,
    PatientKeys keys, LiveFeed feed, DeviceAlertKeys deviceAlertKeys, WatchStates shared, Profiles.AlarmProfiles profiles, OnCallRoster roster,
    TimeProvider time, ILogger<AlertEngine> logger)
{
    private static readonly TimeSpan s_reloadEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_journalFoldsEvery = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<int, Lazy<Task<PatientWatch>>> _watches = new();

    // Patients' rules are read in batches, one query per table: thousands of devices starting at once wait for one read, not thousands.
    private readonly WatchLoader _loader = new(store, keys, profiles);

    /// <summary>
    /// Feeds a live reading to the patient's rules; history and status messages move no rule, nor does a reading from a
    /// device whose clock is doubtful (<paramref name="clockDoubtful"/>: it cannot be placed in time, so it never pages).
    /// </summary>
    public async ValueTask ObserveAsync(int patientId, DeviceReading reading, TrafficClass trafficClass, DateTimeOffset receivedAt, CancellationToken cancellationToken,
        bool clockDoubtful = false)
    {
        ArgumentNullException.ThrowIfNull(reading);
        metrics.Message(trafficClass);
        if (trafficClass != TrafficClass.VitalSigns) return;
        var watch = await WatchAsync(patientId, cancellationToken);
        News2Dto? news2 = null;
        var outcomes = await EvaluateAsync(watch, w =>
        {
            var before = w.News2;
            var result = w.Observe(reading.Measurements, reading.DeviceTime, receivedAt, clockDoubtful);
            news2 = w.News2 is { } after && (before is null || before.Total != after.Total || before.Missing.Count != after.Missing.Count) ? w.ToDto() : null;
            return result;
        }, cancellationToken);
        var team = await PagingOrderAsync(watch, outcomes, cancellationToken);
        foreach (var outcome in outcomes) Apply(patientId, team, outcome, reading.DeviceId, receivedAt);
        if (news2 is not null) feed.Publish(AlertChannels.News2, news2);
    }

    /// <summary>A clinician entered NEWS2's own inputs: stored sealed, then the score is taken again at once.</summary>
    public async Task<News2Dto> SetNews2InputsAsync(int patientId, News2Inputs inputs, int setBy, CancellationToken cancellationToken)
    {
        await using (var db = store.CreateDbContext())
        {
            var key = await keys.GetOrCreateAsync(patientId, cancellationToken);
            var row = await db.News2Assessments.FindAsync([patientId], cancellationToken);
            if (row is null) db.News2Assessments.Add(row = new News2Assessment { PatientId = patientId, Sealed = [] });
            row.Sealed = TextSeal.Seal(key, patientId, News2Record, JsonSerializer.Serialize(inputs, AlertsJsonContext.Default.News2Inputs));
            (row.SetBy, row.SetAt) = (setBy, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        var watch = await WatchAsync(patientId, cancellationToken);
        News2Dto news2 = null!;
        var outcomes = await EvaluateAsync(watch, w =>
        {
            w.Inputs = inputs;
            var result = w.Rescore(time.GetUtcNow());
            news2 = w.ToDto();
            return result;
        }, cancellationToken);
        var team = await PagingOrderAsync(watch, outcomes, cancellationToken);
        foreach (var outcome in outcomes) Apply(patientId, team, outcome, null, time.GetUtcNow());
        feed.Publish(AlertChannels.News2, news2);
        return news2;
    }

    public async Task<News2Dto> News2Async(int patientId, CancellationToken cancellationToken)
    {
        var watch = await WatchAsync(patientId, cancellationToken);
        lock (watch.Gate) return watch.ToDto();
    }

    /// <summary>
    /// A device's own CRITICAL_ALERT: sent live at once, then committed before this returns (the device's PUBACK or
    /// 2xx means the alert is durable). A redelivered message changes nothing.
    /// </summary>
    public async Task RaiseFromDeviceAsync(int patientId, DeviceReading reading, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var report = reading.Alert ?? throw new ArgumentException("not a CRITICAL_ALERT", nameof(reading));
        metrics.Message(TrafficClass.CriticalAlert);
        if (!deviceAlertKeys.TryTake(reading.DeviceId, reading.MessageKey, receivedAt)) return; // a redelivery: already raised
        var watch = await WatchAsync(patientId, cancellationToken);
        var content = new AlertContent($"{report.AlertType} detected by {reading.DeviceId}{(report.Confidence is { } c ? $" (confidence {c:P0})" : "")}",
            Detail: report.Description, Confidence: report.Confidence, Measurements: report.Measurements);
        var outcome = new WatchOutcome(WatchOutcomeKind.Raise, AlertKind.Device, $"device:{reading.DeviceId}:{report.AlertType}", report.Severity, content, receivedAt);
        var alert = Raise(patientId, await PagingOrderAsync(watch, [outcome], cancellationToken), outcome, reading.DeviceId, receivedAt, reading.MessageKey);
        await journal.RecordAsync(alert, cancellationToken);
    }

    /// <summary>Raises an alert about a patient's device or the platform (no-data, system); folds into one already open.</summary>
    public async Task<OpenAlert> RaiseAsync(AlertKind kind, int? patientId, string rule, AlertSeverity severity, AlertContent content, string? deviceId,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var careTeam = patientId is { } id ? await PagingOrderAsync(id, now, cancellationToken) : [];
        return Raise(patientId, careTeam, new WatchOutcome(WatchOutcomeKind.Raise, kind, rule, severity, content, now), deviceId, now);
    }

    /// <summary>
    /// Who to page for the patient at <paramref name="at"/>, in order (<see cref="CareTeamPaging"/>): on call now, on call
    /// next, then the rest of the care team. Asked at raise time and at each escalation step, since on-call moves with time.
    /// </summary>
    public async Task<IReadOnlyList<int>> PagingOrderAsync(int patientId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var careTeam = (await WatchAsync(patientId, cancellationToken)).CareTeam;
        return CareTeamPaging.OnCallFirst(await roster.OnCallForAsync(careTeam, at, cancellationToken), careTeam);
    }

    /// <summary>
    /// The paging order now when something is raised (the roster is in memory); the care team alone otherwise, unused. A
    /// value task: nearly every reading raises nothing and takes the synchronous path, with no task allocated.
    /// </summary>
    private ValueTask<IReadOnlyList<int>> PagingOrderAsync(PatientWatch watch, List<WatchOutcome> outcomes, CancellationToken cancellationToken) =>
        outcomes.Exists(o => o.Kind == WatchOutcomeKind.Raise) ? OnCallFirstAsync(watch, cancellationToken) : new(watch.CareTeam);

    private async ValueTask<IReadOnlyList<int>> OnCallFirstAsync(PatientWatch watch, CancellationToken cancellationToken) =>
        CareTeamPaging.OnCallFirst(await roster.OnCallForAsync(watch.CareTeam, time.GetUtcNow(), cancellationToken), watch.CareTeam);

    /// <summary>The condition behind an open alert is over (data came back, a metric recovered): the alert resolves itself.</summary>
    public void ResolveByItself(int? patientId, string rule)
    {
        if (open.Find(patientId, rule) is { } alert) Close(alert, time.GetUtcNow());
    }

    /// <summary>
    /// Rules changed (a doctor set a limit, NEWS2 inputs were entered): the next reading reloads them, keeping where each
    /// rule stands — on every node of a cluster (<see cref="Profiles.AlarmProfiles.Changed"/>).
    /// </summary>
    public void Reload(int patientId)
    {
        if (_watches.TryGetValue(patientId, out var current)) Replace(patientId, current);
        profiles.Changed(patientId);
    }

    /// <summary>Someone resolved an alert by hand: its rule counts afresh, so a value still beyond raises a new alert.</summary>
    public async Task ForgetAsync(OpenAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.PatientId is not { } id || (!shared.IsShared && !_watches.ContainsKey(id))) return;
        await EvaluateAsync(await WatchAsync(id, cancellationToken), w =>
        {
            w.Reset(alert.Rule);
            return [];
        }, cancellationToken);
    }

    /// <summary>
    /// Moves the patient's rules, under the watch's gate. On a cluster the change is written to the shared state; if
    /// another node wrote first, its state is taken and the change made again on it, so no reading counts twice or not at all.
    /// </summary>
    private async Task<List<WatchOutcome>> EvaluateAsync(PatientWatch watch, Func<PatientWatch, List<WatchOutcome>> change, CancellationToken cancellationToken)
    {
        if (!shared.IsShared)
        {
            while (true)
            {
                lock (watch.Gate)
                {
                    if (!watch.Retired) return change(watch);
                }
                watch = await WatchAsync(watch.PatientId, cancellationToken); // reloaded meanwhile: the reading moves the new rules
            }
        }
        await watch.Serial.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                List<WatchOutcome> outcomes;
                WatchState state;
                long version;
                lock (watch.Gate)
                {
                    (outcomes, state, version) = (change(watch), watch.Export(), watch.Version);
                }
                var written = await shared.TryWriteAsync(watch.PatientId, version, state);
                // Refused with no state: the shared one lapsed, and ours, this change included, becomes it.
                while (!written.Done && written.Newer is null) written = await shared.TryWriteAsync(watch.PatientId, written.Version, state);
                if (written.Done)
                {
                    watch.Version = written.Version;
                    return outcomes;
                }
                lock (watch.Gate)
                {
                    watch.Import(written.Newer!);
                    watch.Version = written.Version;
                }
            }
        }
        finally
        {
            watch.Serial.Release();
        }
    }

    public async Task<PatientWatch> WatchAsync(int patientId, CancellationToken cancellationToken)
    {
        var lazy = _watches.GetOrAdd(patientId, id => new Lazy<Task<PatientWatch>>(() => LoadAsync(id, null)));
        var watch = await lazy.Value.WaitAsync(cancellationToken);
        if (watch.Settings.Version != profiles.Version(patientId))
        {
            // Edited (here or on another node): this reading already takes the new profile, as a threshold edit here does.
            Replace(patientId, lazy);
            return await _watches.GetOrAdd(patientId, id => new Lazy<Task<PatientWatch>>(() => LoadAsync(id, null))).Value.WaitAsync(cancellationToken);
        }
        // Stale: this reading is judged by the rules as loaded, and the reload runs beside it. Reloading on the reading's path
        // made every patient's reading wait for its queries once a minute, all patients within the same few seconds.
        if (watch.LoadedAt + s_reloadEvery < time.GetUtcNow() && watch.TryClaimRefresh()) _ = RefreshAsync(patientId, lazy, watch);
        return watch;
    }

    private async Task RefreshAsync(int patientId, Lazy<Task<PatientWatch>> current, PatientWatch stale)
    {
        try
        {
            await LoadAsync(patientId, stale, fresh => _watches.TryUpdate(patientId, new Lazy<Task<PatientWatch>>(Task.FromResult(fresh)), current));
        }
#pragma warning disable CA1031 // A failed reload keeps the rules as they were; the next reading tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "Reloading patient {PatientId}'s alert rules failed; the rules as loaded stay in force", patientId);
            stale.ReleaseRefresh();
        }
    }

    private void Replace(int patientId, Lazy<Task<PatientWatch>> current)
    {
        var next = new Lazy<Task<PatientWatch>>(async () => await LoadAsync(patientId, await current.Value));
        _watches.TryUpdate(patientId, next, current);
    }

    private void Apply(int patientId, IReadOnlyList<int> careTeam, WatchOutcome outcome, string? deviceId, DateTimeOffset arrivedAt)
    {
        var existing = open.Find(patientId, outcome.Rule);
        switch (outcome.Kind)
        {
            case WatchOutcomeKind.Raise:
                Raise(patientId, careTeam, outcome, deviceId, arrivedAt);
                break;
            case WatchOutcomeKind.Fold when existing is not null: // else resolved by hand meanwhile: the rule counts afresh
                Fold(existing, outcome, arrivedAt);
                break;
            case WatchOutcomeKind.Resolve when existing is not null:
                Close(existing, outcome.At);
                break;
        }
    }

    /// <summary>A new alert, sent live then journaled; if one is already open for the rule, the outcome folds into it.</summary>
    private OpenAlert Raise(int? patientId, IReadOnlyList<int> careTeam, WatchOutcome outcome, string? deviceId, DateTimeOffset arrivedAt, string? sourceMessage = null)
    {
        var fresh = new OpenAlert
        {
            Id = Guid.CreateVersion7(outcome.At), PatientId = patientId, Kind = outcome.AlertKind, Rule = outcome.Rule, Severity = outcome.Severity,
            Status = AlertStatus.Raised, DeviceId = deviceId, SourceMessageId = sourceMessage, RaisedAt = outcome.At, LastSeenAt = outcome.At,
            Content = outcome.Content, CareTeam = careTeam, JournaledAt = outcome.At,
        };
        var current = open.AddOrGet(fresh);
        if (!ReferenceEquals(current, fresh)) return Fold(current, outcome, arrivedAt);
        metrics.Raised(OpenAlert.Name(fresh.Kind), OpenAlert.Name(fresh.Severity));
        notifier.Notify(fresh, AlertEvents.Raised, arrivedAt);
        journal.Record(fresh);
        return fresh;
    }

    /// <summary>One more reading beyond the limit: counted into the open alert. Sent again only when it got more severe.</summary>
    private OpenAlert Fold(OpenAlert alert, WatchOutcome outcome, DateTimeOffset arrivedAt)
    {
        bool worse, record;
        lock (alert.Gate)
        {
            worse = outcome.Severity > alert.Severity;
            alert.Occurrences++;
            alert.LastSeenAt = outcome.At;
            alert.Content = outcome.Content with { Note = alert.Content.Note };
            if (worse) alert.Severity = outcome.Severity;
            record = worse || outcome.At - alert.JournaledAt >= s_journalFoldsEvery;
            if (record) alert.JournaledAt = outcome.At;
        }
        if (worse) notifier.Notify(alert, AlertEvents.Updated, arrivedAt);
        if (record) journal.Record(alert);
        return alert;
    }

    private void Close(OpenAlert alert, DateTimeOffset at)
    {
        lock (alert.Gate)
        {
            if (alert.Status == AlertStatus.Resolved) return;
            (alert.Status, alert.ResolvedAt) = (AlertStatus.Resolved, at);
        }
        open.Remove(alert);
        notifier.Notify(alert, AlertEvents.Resolved);
        journal.Record(alert);
    }

    /// <param name="install">Puts the new watch in place of <paramref name="previous"/> (false: it was replaced meanwhile, so
    /// this one is dropped); called under both watches' gates, so no reading slips between the state's copy and the swap.</param>
    private async Task<PatientWatch> LoadAsync(int patientId, PatientWatch? previous, Func<PatientWatch, bool>? install = null)
    {
        var (thresholds, careTeam, born, inputs, settings) = await _loader.LoadAsync(patientId);
        var now = time.GetUtcNow();
        var adult = born is { } b && b.AddYears(Core.Alerts.News2.AdultAge) <= DateOnly.FromDateTime(now.UtcDateTime);
        var rules = settings.Profile.Rules(thresholds);
        // The minute's reload that finds nothing changed keeps the watch it has: a new one per patient a minute, its state
        // copied over, was most of what a quiet fleet's collections copied up (docs/performance.md, issue 15, nineteenth session).
        if (install is not null && previous is not null && previous.IsBuiltFrom(rules, careTeam, adult, inputs, settings))
        {
            lock (previous.Gate)
            {
                MarkOpenAlerts(patientId, previous);
                previous.Reloaded(now);
            }
            return previous;
        }
        var watch = new PatientWatch(patientId, rules, careTeam, adult, inputs, now, settings);
        lock (watch.Gate)
        {
            if (previous is not null)
            {
                lock (previous.Gate)
                {
                    if (install is not null && !install(watch)) return watch; // replaced meanwhile: this one is never used
                    watch.TakeOver(previous);
                }
            }
            MarkOpenAlerts(patientId, watch);
        }
        return watch;
    }

    private void MarkOpenAlerts(int patientId, PatientWatch watch)
    {
        foreach (var alert in open.ForPatient(patientId).Where(a => a.Kind is AlertKind.Threshold or AlertKind.News2 or AlertKind.Trend)) watch.MarkOpen(alert.Rule);
    }

    public const string News2Record = "news2-inputs";

}
