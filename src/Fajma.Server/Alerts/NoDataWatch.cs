using System.Collections.Concurrent;
using Fajma.Core.Alerts;
using Fajma.Server.Platform;
using Fajma.Server.Platform.Cluster;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Alerts;

/// <summary>
/// Silence must never look like health. Every device that has been sending is watched: quiet for longer than its
/// type's timeout, or its connection lost (MQTT last will, or the socket dropped without a clean DISCONNECT) and
/// not back within <see cref="ReconnectGrace"/>, it raises a "no data" alert for its patient; data coming back
/// resolves it. A device provisioned for a patient that never sent at all is silent from its provisioning on (once:
/// resolved by hand, it is not paged again until it has sent). The device row's last-seen time, written by the group commit with the reading, lets a restart keep watching. On a cluster
/// silence is silence for every node (<see cref="SharedLastSeen"/>), and one node raises the alert (a claim). The patient
/// is nudged before the care team is paged (<see cref="Nudges.PatientNudges"/>): the alert comes only past the nudge's limit.
/// </summary>
public sealed partial class NoDataWatch(AlertEngine engine, OpenAlerts open, SharedLastSeen shared, ClusterClaims claims, IDbContextFactory<FajmaDbContext> store,
    IOptions<AlertOptions> options, Profiles.AlarmProfiles profiles, Nudges.PatientNudges nudges, TimeProvider time, ILogger<NoDataWatch> logger) : BackgroundService
{
    /// <summary>A Wi-Fi blip reconnects within seconds; paging a doctor for it would teach them to ignore the page.</summary>
    public static readonly TimeSpan ReconnectGrace = TimeSpan.FromSeconds(10);

    /// <summary>How often devices provisioned since are looked for: the store is the only place that knows.</summary>
    private static readonly TimeSpan s_provisionedEvery = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A watched device as of one moment. <paramref name="NeverSent"/>: provisioned and silent ever since;
    /// <paramref name="LastSeen"/> is then its provisioning, or this start if later.
    /// </summary>
    private readonly record struct Watched(int PatientId, string Type, DateTimeOffset LastSeen, DateTimeOffset? LostAt, bool NeverSent = false);

    private readonly ConcurrentDictionary<string, Watch> _devices = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, DateTimeOffset> _toShare = new(StringComparer.Ordinal);
    private DateTimeOffset _startedAt = DateTimeOffset.MinValue;

    private const string RulePrefix = "nodata:";

    public static string Rule(string deviceId) => RulePrefix + deviceId;

    /// <summary>Devices being watched: every device that has sent, since the last day or this start.</summary>
    public int WatchedCount => _devices.Count;

    /// <summary>An accepted message from the device.</summary>
    public void Seen(string deviceId, int patientId, string type, DateTimeOffset at)
    {
        if (_devices.TryGetValue(deviceId, out var watch) && watch.Is(patientId, type)) watch.Heard(at);
        else _devices[deviceId] = new Watch(patientId, type, at);
        if (shared.IsShared) _toShare[deviceId] = at;
        engine.ResolveByItself(patientId, Rule(deviceId));
    }

    /// <summary>
    /// A clinician resolved the device's no-data alert by hand (the patient took it off, the ward knows): the device
    /// is not watched again until it sends, instead of paging again a second later.
    /// </summary>
    public void Excuse(string deviceId) => _devices.TryRemove(deviceId, out _);

    /// <summary>The broker saw the device go without a clean goodbye (its last will, or a dropped connection).</summary>
    public void ConnectionLost(string deviceId)
    {
        if (_devices.TryGetValue(deviceId, out var watch)) watch.Lost(time.GetUtcNow());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _startedAt = time.GetUtcNow();
        await ResumeAsync(stoppingToken);
        await WatchNeverSentAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        var lookedAt = time.GetUtcNow();
        while (await timer.NextTickAsync(stoppingToken))
        {
            try
            {
                if (time.GetUtcNow() - lookedAt >= s_provisionedEvery)
                {
                    lookedAt = time.GetUtcNow();
                    await WatchNeverSentAsync(stoppingToken);
                }
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e);
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var silent = _devices.Select(d => (d.Key, Value: d.Value.Now)).Where(d => IsSilent(d.Value, now) && open.Find(d.Value.PatientId, Rule(d.Key)) is null).ToList();
        if (shared.IsShared)
        {
            await shared.WriteAsync(Interlocked.Exchange(ref _toShare, new(StringComparer.Ordinal)));
            var later = await shared.ReadAsync([.. silent.Select(d => d.Key)]);
            foreach (var (deviceId, at) in later)
            {
                // Another node took a message since: not silent after all.
                if (_devices.TryGetValue(deviceId, out var watch) && watch.HeardElsewhere(at))
                {
                    nudges.Heard(watch.PatientId, deviceId, at);
                }
            }
            silent = [.. silent.Where(d => !later.TryGetValue(d.Key, out var at) || at <= d.Value.LastSeen)];
        }
        foreach (var (deviceId, watched) in silent)
        {
            // The patient is nudged first; the care team hears of it only once the nudge is past its limit (or nudges are off).
            if (!nudges.Silent(watched.PatientId, deviceId, now, await ExcusedAsync(deviceId, watched, now, cancellationToken))) continue;
            // One silence, one alert: every node sees it at the same sweep; the node that claims it raises it.
            if (!await claims.TryClaimAsync($"nodata:{deviceId}:{watched.LastSeen.ToUnixTimeMilliseconds()}", TimeSpan.FromMinutes(10))) continue;
            var timeout = options.Value.NoDataTimeout(watched.Type);
            var lost = IsLost(watched, now);
            var quiet = (int)(now - watched.LastSeen).TotalSeconds;
            var content = new AlertContent(lost
                ? $"Connection to {deviceId} lost; no data for {quiet} s"
                : watched.NeverSent
                ? $"No data from {deviceId} since it was provisioned (expected at least every {(int)timeout.TotalSeconds} s)"
                : $"No data from {deviceId} for {quiet} s (expected at least every {(int)timeout.TotalSeconds} s)",
                Detail: lost ? "The device left without a clean disconnect (MQTT last will or a dropped connection)." : null);
            await engine.RaiseAsync(AlertKind.NoData, watched.PatientId, Rule(deviceId), AlertSeverity.Major, content, deviceId, cancellationToken);
        }
    }

    /// <summary>
    /// Silence the patient's alarm profile expects: inside a planned device-off period, not yet a timeout since one
    /// ended, or the rule snoozed. A lost connection within the grace is not excused by a period's end: it says more than silence.
    /// </summary>
    private async Task<bool> ExcusedAsync(string deviceId, Watched watched, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = await profiles.GetAsync(watched.PatientId, cancellationToken);
        if (settings.Profile.IsDeviceOff(deviceId, now) || settings.IsSnoozed(Rule(deviceId), now)) return true;
        var since = settings.Profile.SilentSince(deviceId, watched.LastSeen, now);
        return since > watched.LastSeen && now - since < options.Value.NoDataTimeout(watched.Type) && !IsLost(watched with { LastSeen = since }, now);
    }

    private bool IsSilent(Watched watched, DateTimeOffset now) => IsLost(watched, now) || now - watched.LastSeen >= options.Value.NoDataTimeout(watched.Type);

    private static bool IsLost(Watched watched, DateTimeOffset now) => watched.LostAt is { } at && now - at >= ReconnectGrace && watched.LastSeen <= at;

    /// <summary>Devices heard from during the last day are watched again from now, as if they had just sent.</summary>
    private async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var now = time.GetUtcNow();
        var since = now - TimeSpan.FromDays(1);
        var recent = await db.Devices.AsNoTracking().Where(d => d.PatientId != null && d.RevokedAt == null && d.LastSeenAt > since)
            .Select(d => new { d.Id, d.PatientId, d.Type }).ToListAsync(cancellationToken);
        foreach (var device in recent) _devices.TryAdd(device.Id, new Watch(device.PatientId!.Value, device.Type, now));
    }

    /// <summary>
    /// Devices assigned to a patient that have never sent, watched from their provisioning. One that already had its
    /// no-data alert (open, or resolved by hand) is left alone: a device nobody switched on pages once, not every sweep.
    /// Its alerts are found by device id (indexed), not by rule: the alerts table is never scanned twice a minute.
    /// </summary>
    public async Task WatchNeverSentAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var neverSent = await db.Devices.AsNoTracking()
            .Where(d => d.PatientId != null && d.RevokedAt == null && d.LastSeenAt == null && !db.Alerts.Any(a => a.DeviceId == d.Id && a.Kind == AlertKind.NoData))
            .Select(d => new { d.Id, d.PatientId, d.Type, d.RegisteredAt }).ToListAsync(cancellationToken);
        // Since this start at the earliest, as for devices that had sent: a last-seen time not yet written before a crash
        // must not page at once.
        foreach (var device in neverSent)
        {
            var since = device.RegisteredAt > _startedAt ? device.RegisteredAt : _startedAt;
            _devices.TryAdd(device.Id, new Watch(device.PatientId!.Value, device.Type, since, neverSent: true));
        }
    }

    /// <summary>
    /// A watched device, updated in place by each reading: a new object per reading, held from the dictionary for the
    /// seconds until the next, would be copied up by the collector with every quiet device's (docs/performance.md, issue 15,
    /// nineteenth session). Times are UTC ticks; a sweep reads a consistent enough <see cref="Now"/>: a reading writes its
    /// time before it clears a loss, and the loss is read first, so no moment shows a device lost after it was heard.
    /// </summary>
    private sealed class Watch(int patientId, string type, DateTimeOffset lastSeen, bool neverSent = false)
    {
        private long _lastSeen = lastSeen.UtcTicks;
        private long _lostAt; // 0: not lost

        public int PatientId => patientId;

        /// <summary>Still the same device for the same patient, already heard from: a reading then updates it in place.</summary>
        public bool Is(int patient, string deviceType) => !neverSent && patient == patientId && deviceType == type;

        public Watched Now
        {
            get
            {
                var lostAt = Volatile.Read(ref _lostAt);
                return new Watched(patientId, type, At(Volatile.Read(ref _lastSeen)), lostAt == 0 ? null : At(lostAt), neverSent);
            }
        }

        public void Heard(DateTimeOffset at)
        {
            Volatile.Write(ref _lastSeen, at.UtcTicks);
            Volatile.Write(ref _lostAt, 0);
        }

        public void Lost(DateTimeOffset at) => Volatile.Write(ref _lostAt, at.UtcTicks);

        /// <summary>Another node took a message at <paramref name="at"/>: true if that is later than any this one knows of.</summary>
        public bool HeardElsewhere(DateTimeOffset at)
        {
            var seen = Volatile.Read(ref _lastSeen);
            while (at.UtcTicks > seen)
            {
                var was = Interlocked.CompareExchange(ref _lastSeen, at.UtcTicks, seen);
                if (was == seen) return true;
                seen = was;
            }
            return false;
        }

        private static DateTimeOffset At(long utcTicks) => new(utcTicks, TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No-data sweep failed; retrying at the next tick")]
    private partial void LogSweepFailed(Exception e);
}
