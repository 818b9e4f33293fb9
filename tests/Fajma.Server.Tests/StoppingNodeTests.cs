using System.Net;
using Fajma.Server.Live;
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
