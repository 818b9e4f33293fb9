using Fajma.Server.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Monitoring;

/// <summary>
/// <c>/hubs/monitoring</c>: a client subscribes to patients and receives their <c>observation</c>,
/// <c>deviceStatus</c> and <c>alert</c> events as they are ingested.
/// </summary>
public sealed class MonitoringHub(LiveFeed feed, FajmaDbContext db) : Hub
{
    public async Task SubscribePatient(int patientId)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, Context.ConnectionAborted))
            throw new HubException($"patientId: patient {patientId} does not exist");
        feed.Subscribe(Context.ConnectionId, patientId);
    }

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
