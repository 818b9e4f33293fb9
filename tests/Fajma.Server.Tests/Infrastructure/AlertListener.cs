using System.Threading.Channels;
using Fajma.Server.Alerts;
using Fajma.Server.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>A browser's monitoring connection as far as alerts go: every <c>alert</c> and <c>news2</c> event it receives, in order.</summary>
internal sealed class AlertListener : IAsyncDisposable
{
    private readonly HubConnection _hub;

    private AlertListener(HubConnection hub) => _hub = hub;

    public Channel<AlertDto> Alerts { get; } = Channel.CreateUnbounded<AlertDto>();

    public Channel<News2Dto> News2 { get; } = Channel.CreateUnbounded<News2Dto>();

    /// <summary>Connects with <paramref name="token"/>, subscribed to <paramref name="patientIds"/> (none: only what pages this user).</summary>
    public static async Task<AlertListener> ConnectAsync(Uri server, string token, params int[] patientIds)
    {
        var hub = new HubConnectionBuilder().WithUrl(new Uri(server, LiveExtensions.HubPath),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(token)).Build();
        var listener = new AlertListener(hub);
        hub.On<AlertDto>(MonitoringEvents.Alert, a => listener.Alerts.Writer.TryWrite(a));
        hub.On<News2Dto>(MonitoringEvents.News2, n => listener.News2.Writer.TryWrite(n));
        await hub.StartAsync();
        // StartAsync returns at the handshake, possibly before the server's OnConnectedAsync registered this user for
        // paging; the server answers a call only after it, so one round trip closes that gap.
        await hub.InvokeAsync("UnsubscribePatient", 0);
        foreach (var id in patientIds) await hub.InvokeAsync("SubscribePatient", id);
        return listener;
    }

    public Task<AlertDto> NextAsync(Func<AlertDto, bool> match, string what) => Wait.ForAsync(Alerts.Reader, match, what);

    /// <summary>Everything received so far, without waiting.</summary>
    public List<AlertDto> Received()
    {
        var items = new List<AlertDto>();
        while (Alerts.Reader.TryRead(out var item)) items.Add(item);
        return items;
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
