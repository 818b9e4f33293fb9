using Fajma.Server.Platform;
using System.Net;
using System.Text.Json;
using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>
/// <c>/health/live</c> says the process answers; <c>/health/ready</c> says the store and the broker do — what a load
/// balancer needs to stop sending traffic to a node that cannot take it. JSON, never the web app's page.
/// </summary>
public sealed class HealthTests
{
    private static async Task<(HttpStatusCode Status, string Overall, Dictionary<string, string> Checks)> AskAsync(FajmaHost host, string path)
    {
        using var anonymous = new HttpClient { BaseAddress = host.Url };
        var response = await anonymous.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString()!);
        return (response.StatusCode, body.RootElement.GetProperty("status").GetString()!, checks);
    }

    [Fact]
    public async Task ANodeWithItsStoreAndEmbeddedBrokerIsAliveAndReady()
    {
        await using var host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync());

        var live = await AskAsync(host, "/health/live");
        var ready = await AskAsync(host, "/health/ready");

        Assert.Equal((HttpStatusCode.OK, "Healthy", 0), (live.Status, live.Overall, live.Checks.Count)); // asks nothing else
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (ready.Status, ready.Overall));
        Assert.Equal(new Dictionary<string, string> { ["store"] = "Healthy", ["broker"] = "Healthy" }, ready.Checks);
    }

    [Fact]
    public async Task ANodeWhoseExternalBrokerIsAwayIsAliveButNotReadyUntilTheBrokerComes()
    {
        var port = LoopbackPorts.Free(); // nothing listens there yet
        await using var host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(),
            "--Mqtt:Broker=External", $"--Mqtt:Url=mqtt://127.0.0.1:{port}", "--Mqtt:NodeId=health-test-node");

        var live = await AskAsync(host, "/health/live");
        var ready = await AskAsync(host, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.Status);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (ready.Status, ready.Overall));
        Assert.Equal(("Healthy", "Unhealthy"), (ready.Checks["store"], ready.Checks["broker"]));

        await using var broker = await TestMosquitto.StartAsync(port);
        await Wait.UntilAsync(async () => (await AskAsync(host, "/health/ready")).Status == HttpStatusCode.OK, "the node ready once its broker answers",
            within: ExternalMqttIngestion.ReconnectCap + Wait.Timeout); // absent for a while, the node retries only every 15 s
    }
}
