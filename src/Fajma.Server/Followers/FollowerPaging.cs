using System.Collections.Concurrent;
using Fajma.Core.Alerts;
using Fajma.Core.Follow;
using Fajma.Server.Alerts;
using Fajma.Server.Identity;
using Fajma.Server.Paging;
using Fajma.Server.Platform;
using Fajma.Server.Platform.Cluster;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Followers;

/// <summary>
/// Pages followers (Tidepool-style care-partner alerts): for each open alert of a patient who shares alerts, each follower
/// who asked for its severity is paged once, if it is still raised and unacknowledged after their delay
/// (<see cref="FollowerPageRule"/>). Sweeps on the <see cref="TimeProvider"/> beside the escalator, which it leaves alone;
/// on a cluster each page is claimed first, so it goes out once.
/// </summary>
public sealed partial class FollowerPaging(OpenAlerts open, IDbContextFactory<FajmaDbContext> store, Pager pager, ClusterClaims claims, AuditLog audit,
    TimeProvider time, ILogger<FollowerPaging> logger) : BackgroundService
{
    /// <summary>Followers' pages stand apart from the care team's escalation levels, so they never count as the team being reached.</summary>
    public const int Level = 1000;

    /// <summary>Delays are minutes: a sweep every 15 s is on time without asking the store every second.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<(Guid Alert, int Follower), byte> _paged = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        while (await timer.NextTickAsync(stoppingToken))
        {
            try
            {
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
        var raised = new List<(Guid Id, int PatientId, AlertSeverity Severity, DateTimeOffset RaisedAt, string Title)>();
        foreach (var alert in open.All)
            lock (alert.Gate)
                if (alert is { Status: AlertStatus.Raised, PatientId: { } patientId })
                    raised.Add((alert.Id, patientId, alert.Severity, alert.RaisedAt, alert.Content.Title));
        foreach (var key in _paged.Keys)
            if (open.Find(key.Alert) is null) _paged.TryRemove(key, out _);
        if (raised.Count == 0) return;

        var patients = raised.Select(a => a.PatientId).Distinct().ToList();
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var follows = (await db.Follows.AsNoTracking()
            .Where(f => patients.Contains(f.PatientId) && f.FollowerUserId != null && f.RevokedAt == null && f.ShareAlerts)
            .Join(db.Patients, f => f.PatientId, p => p.Id, (f, p) => new { Follow = f, p.DisplayName })
            .ToListAsync(cancellationToken)).ToLookup(r => r.Follow.PatientId);

        foreach (var alert in raised)
            foreach (var row in follows[alert.PatientId])
            {
                var f = row.Follow;
                var settings = new FollowerAlertSettings(f.PageCritical, f.PageMajor, f.PageWarning, f.PageDelayMinutes);
                var follower = f.FollowerUserId!.Value;
                if (!FollowerPageRule.IsDue(settings, alert.Severity, AlertStatus.Raised, alert.RaisedAt, now) || !_paged.TryAdd((alert.Id, follower), 0)) continue;
                if (!await claims.TryClaimAsync($"alert:{alert.Id:N}:follower:{follower}", TimeSpan.FromDays(2))) continue;
                pager.Enqueue(new PageRequest(alert.Id, Level, alert.Severity, $"{row.DisplayName}: {alert.Title}", [follower], Admins: false, PageReason.Raised,
                    Acknowledgeable: false));
                await audit.RecordAsync(new AuditRecord(AuditActions.FollowerPaged, null, "system", alert.PatientId, $"alert:{alert.Id}", null,
                    $"follower {follower} after {settings.DelayMinutes} min unacknowledged"), cancellationToken);
            }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Follower paging sweep failed; retrying at the next tick")]
    private partial void LogSweepFailed(Exception e);
}
