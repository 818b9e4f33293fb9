using System.Collections.Concurrent;
using Fajma.Server.Platform.Cluster;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Consultations;

/// <summary>
/// On a cluster, a node that dies tells no room who left. So every node reads, each heartbeat, the rooms it has
/// connections in (which prunes a dead node's entries) and tells the room when who is online changed since its last
/// look. Several nodes may tell the same change: the event carries the whole list, so a repeat changes nothing.
/// </summary>
public sealed partial class PresenceSweeper(ConsultationPresence presence, SharedRedis redis, IOptions<RedisOptions> options, IServiceScopeFactory scopes,
    IHubContext<ConsultationHub> hub, ILogger<PresenceSweeper> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<int, IReadOnlySet<int>> _seen = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!redis.IsClustered) return;
        // Real time, like the heartbeat it follows.
        using var timer = new PeriodicTimer(options.Value.NodeHeartbeat);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                LogSweepFailed(e); // the store may be away: next tick
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected) return; // only this node's connections are known: nothing new to tell
        var rooms = presence.LocalRooms();
        foreach (var gone in _seen.Keys.Where(id => !rooms.Contains(id))) _seen.TryRemove(gone, out _);
        foreach (var room in rooms)
        {
            var online = await presence.OnlineAsync(room);
            var before = _seen.GetValueOrDefault(room);
            _seen[room] = online;
            if (before is null || before.SetEquals(online)) continue; // first look: the join that made the room local told it
            await using var scope = scopes.CreateAsyncScope();
            await ConsultationParticipants.AnnounceAsync(scope.ServiceProvider.GetRequiredService<FajmaDbContext>(), presence,
                hub.Clients.Group(ConsultationEvents.Group(room)), room, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping consultation presence failed; trying again at the next heartbeat")]
    private partial void LogSweepFailed(Exception e);
}
