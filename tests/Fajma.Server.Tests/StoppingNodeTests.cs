using System.Net;
using Fajma.Server.Live;
using Fajma.Server.Platform;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fajma.Server.Tests;

/// <summary>
/// A node that has begun to stop (SIGTERM: it drains) takes no new hub connection, and the production nginx takes such a
/// connection to the other node, so a browser reconnecting during a rolling restart is not cut a second time.
/// </summary>
public sealed class StoppingNodeTests(StoppingNodeTests.TwoNodes nodes) : IClassFixture<StoppingNodeTests.TwoNodes>
{
    private static HubConnection Hub(Uri server, string token, bool negotiate = false) => new HubConnectionBuilder()
        .WithUrl(new Uri(server, LiveExtensions.HubPath), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            // As the web app connects through the balancer: one WebSocket request, no negotiate.
            o.SkipNegotiation = !negotiate;
            o.Transports = HttpTransportType.WebSockets;
        })
        .Build();

    [Fact]
    public async Task AStoppingNodeAnswersANewHubConnectionWith503()
    {
        await using var hub = Hub(nodes.Stopping.Url, nodes.Stopping.DoctorToken, negotiate: true);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
    }

    [Fact]
    public async Task ThroughTheBalancerEveryNewHubConnectionLandsOnTheNodeStillRunning()
    {
        // Round robin alone would send every other attempt to the stopping node.
        for (var i = 0; i < 4; i++)
        {
            await using var hub = Hub(nodes.Nginx.Http, nodes.Running.DoctorToken);
            await hub.StartAsync();
            Assert.Equal(HubConnectionState.Connected, hub.State);
        }
    }

    [Fact]
    public async Task ANodeBackFromARestartTakesRequestsAgainWhileTheOtherDrainsThoughABrowsersHubIsTheFirstToReachIt()
    {
        // The node restarting, in front of the one draining: its port refuses connections until it is back.
        var back = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        await using var nginx = await TestNginx.StartAsync(nodes.Stopping.Url, back);
        using var api = new HttpClient { BaseAddress = nginx.Http };
        // Requests meanwhile: nginx finds it refusing, takes it out of the rotation for a while, and answers from the other.
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/time")).StatusCode);
        await using var restarted = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), $"--Urls={back}");

        // A browser reconnects its hub: the draining node turns it away (503), so it lands on the node that is back, and stays.
        HubConnection? browser = null;
        await Wait.UntilAsync(async () =>
        {
            var hub = Hub(nginx.Http, restarted.DoctorToken);
            try
            {
                await hub.StartAsync();
                browser = hub;
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException) // 503 or the balancer's 502
            {
                await hub.DisposeAsync();
                return false;
            }
        }, "a hub connection through the balancer");
        await using var _ = browser!;

        // Sign-ins and pages go on being answered (with one upstream for both, these were 502: no node left).
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/time")).StatusCode);
    }

    public sealed class TwoNodes : IAsyncLifetime
    {
        public FajmaHost Stopping { get; private set; } = null!;

        public FajmaHost Running { get; private set; } = null!;

        public TestNginx Nginx { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Stopping = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync());
            Running = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync());
            Nginx = await TestNginx.StartAsync(Stopping.Url, Running.Url);
            // What SIGTERM does first: the host's stopping signal, while the node still serves (it drains meanwhile).
            Stopping.App.Lifetime.StopApplication();
        }

        public async Task DisposeAsync()
        {
            await Nginx.DisposeAsync();
            await Running.DisposeAsync();
            await Stopping.DisposeAsync();
        }
    }
}
