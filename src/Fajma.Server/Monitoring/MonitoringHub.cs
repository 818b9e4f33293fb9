using Fajma.Server.Identity;
using Fajma.Server.Patients;
using Fajma.Server.Platform;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Monitoring;

/// <summary>
/// <c>/hubs/monitoring</c>: a client subscribes to patients and receives their <c>observation</c>,
/// <c>deviceStatus</c> and <c>alert</c> events as they are ingested.
/// </summary>
[Authorize]
public sealed class MonitoringHub(LiveFeed feed, FajmaDbContext db, AuditLog audit) : Hub
{
    /// <summary>Every subscription is checked against the caller's care team; [Authorize] alone only says "signed in".</summary>
    [WatchListCall]
    public async Task SubscribePatient(int patientId)
    {
        var user = CurrentUser.From(Context.User!) ?? throw new HubException("not signed in");
        var allowed = await db.CanSeeAsync(user, patientId, Context.ConnectionAborted);
        await audit.RecordAsync(AuditRecord.By(Context.GetHttpContext()!, allowed ? AuditActions.LiveSubscribed : AuditActions.LiveRefused, patientId), Context.ConnectionAborted);
        if (!allowed) throw new HubException($"patientId: patient {patientId} does not exist or is not yours to see");
        feed.Subscribe(Context.ConnectionId, patientId);
    }

    public override Task OnConnectedAsync()
    {
        if (CurrentUser.From(Context.User!) is { } user) feed.Connect(Context.ConnectionId, user);
        return base.OnConnectedAsync();
    }

    [WatchListCall]
    public Task UnsubscribePatient(int patientId)
    {
        feed.Unsubscribe(Context.ConnectionId, patientId);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        feed.Disconnect(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}
