using Fajma.Core.Alerts;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts;

/// <summary>
/// At start, before any device is heard: the alerts left open when the server stopped are open again, paged as they
/// were. After Redis was away (<see cref="Platform.Cluster.ClusterResync"/>): the stored alerts, open or among this
/// node's copies, are merged into them, so what another node did meanwhile (acknowledged, resolved, raised) holds here
/// and reaches the screens connected here.
/// </summary>
public sealed class AlertRecovery(OpenAlerts open, DeviceAlertKeys deviceAlertKeys, IDbContextFactory<FajmaDbContext> store, PatientKeys keys,
    IIntakeFacts intake, AlertNotifier notifier, OnCall.OnCallRoster roster, TimeProvider time) : IHostedService, Platform.Cluster.IResyncAfterOutage
{
    public string Name => "open alerts";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var since = time.GetUtcNow() - intake.MaxMessageAge;
        var taken = await db.IngestedMessages.AsNoTracking().Where(m => m.MessageType == Core.Messages.MessageTypes.CriticalAlert && m.ReceivedAt > since)
            .Select(m => new { m.DeviceId, m.MessageKey, m.ReceivedAt }).ToListAsync(cancellationToken);
        foreach (var m in taken) deviceAlertKeys.TryTake(m.DeviceId, m.MessageKey, m.ReceivedAt);
        foreach (var alert in await StoredAsync(db, [], cancellationToken)) open.AddOrGet(alert);
    }

    public async Task ResyncAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        var held = open.All.Select(a => a.Id).ToList();
        foreach (var alert in await StoredAsync(db, held, cancellationToken))
        {
            open.Reconcile(alert);
            notifier.TellHere(open.Find(alert.Id) ?? alert);
        }
    }

    /// <summary>The stored alerts not resolved, and those of <paramref name="also"/> whatever their status, opened.</summary>
    private async Task<List<OpenAlert>> StoredAsync(FajmaDbContext db, List<Guid> also, CancellationToken cancellationToken)
    {
        var rows = await db.Alerts.AsNoTracking().Where(a => a.Status != AlertStatus.Resolved || also.Contains(a.Id)).ToListAsync(cancellationToken);
        var people = rows.Select(r => r.AcknowledgedBy).OfType<int>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var alerts = new List<OpenAlert>(rows.Count);
        foreach (var row in rows)
        {
            var key = await keys.GetOrCreateAsync(row.PatientId ?? PatientKeys.Platform, cancellationToken);
            var alert = OpenAlert.FromStored(row, AlertJournal.Open(key, row), names);
            // Who was on call when it was raised first, as the ladder had it then; the next step takes the order as it is by then.
            var careTeam = row.PatientId is { } id ? await db.PagingOrderAsync(id, cancellationToken) : [];
            alert.CareTeam = CareTeamPaging.OnCallFirst(await roster.OnCallForAsync(careTeam, alert.RaisedAt, cancellationToken), careTeam);
            alerts.Add(alert);
        }
        return alerts;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
