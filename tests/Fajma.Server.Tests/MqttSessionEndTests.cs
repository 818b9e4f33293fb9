using Fajma.Server.Tests.Infrastructure;
using MQTTnet;

namespace Fajma.Server.Tests;

/// <summary>
/// How each signed-in device connection ended, counted for the operator (/metrics): a fleet dropping its connections under
/// load (keep-alive expired) shows there. A host of its own, so that only this test's connections count.
/// </summary>
public sealed class MqttSessionEndTests : IAsyncLifetime
{
    private FajmaHost Host { get; set; } = null!;

    public async Task InitializeAsync() => Host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync());

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task HowEachDeviceConnectionEndedIsCountedForTheOperatorGoodbyeTakeoverOrDropped()
    {
        var (_, deviceId) = await Host.RegisterPatientWithDeviceAsync();
        var first = await Host.ConnectMqttAsync(deviceId);
        var second = await Host.ConnectMqttAsync(deviceId); // the same device again: the first connection is taken over
        await Wait.UntilAsync(() => Task.FromResult(Ended("Takeover") == 1), "the takeover counted");
        // Counted before the device comes back: the client's DISCONNECT is only sent, and a CONNECT the server read first
        // would take this connection over instead of ending it cleanly.
        await second.DisconnectAsync(); // a goodbye
        await Wait.UntilAsync(() => Task.FromResult(Ended("Clean") == 1), "the goodbye counted");
        var third = await Host.ConnectMqttAsync(deviceId);
        third.Dispose(); // the socket dropped without a DISCONNECT
        first.Dispose();

        await Wait.UntilAsync(() => Task.FromResult(Ended("NotClean") == 1), "the dropped connection counted");
        Assert.Equal((1, 1, 1), (Ended("Takeover"), Ended("Clean"), Ended("NotClean")));
        await Wait.UntilAsync(async () => (await Host.Http.GetStringAsync("/metrics")).Contains("fajma_ingest_mqtt_sessions_ended_total{", StringComparison.Ordinal),
            "the counts exported at /metrics");
    }

    /// <summary>This host's own count (exported at /metrics as fajma_ingest_mqtt_sessions_ended_total{how=…}).</summary>
    private long Ended(string how) => Host.App.Services.GetRequiredService<Fajma.Server.Ingestion.IngestionMetrics>().MqttSessionsEnded(how);
}
