using Fajma.Server.Platform;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Live;

/// <summary>
/// <c>/hubs/monitoring</c>: a client subscribes to patients and receives their <c>observation</c>,
/// <c>deviceStatus</c> and <c>alert</c> events as they are ingested.
/// </summary>
[Authorize]
public sealed class MonitoringHub(LiveFeed feed, ILiveAccess access) : Hub
{
    /// <summary>Every subscription is checked against the caller's care team; [Authorize] alone only says "signed in".</summary>
    [WatchListCall]
    public async Task SubscribePatient(int patientId)
    {
        if (!await access.MayWatchAsync(Context, patientId, Context.ConnectionAborted))
            throw new HubException($"patientId: patient {patientId} does not exist or is not yours to see");
        feed.Subscribe(Context.ConnectionId, patientId);
    }

    public override Task OnConnectedAsync()
    {
        if (access.Viewer(Context.User!) is { } viewer) feed.Connect(Context.ConnectionId, viewer);
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
