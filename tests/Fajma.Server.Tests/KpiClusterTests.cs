using System.Net;
using Fajma.Server.Monitoring;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>
/// Two nodes of one cluster (one PostgreSQL store, one Redis): a reading taken by node A and pushed to a doctor on
/// node B is counted where each step happened, under each node's own <c>node</c> label.
/// </summary>
[Collection(MetricsRunAlone.Name)]
public sealed class KpiClusterTests : IAsyncLifetime
{
    private readonly string _nodeA = $"kpi-a-{Guid.NewGuid():N}"[..16];
    private readonly string _nodeB = $"kpi-b-{Guid.NewGuid():N}"[..16];
    private TwoHostCluster? _cluster;
    private FajmaHost _a = null!;
    private FajmaHost _b = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TwoHostCluster.StartAsync(name => [$"--Mqtt:NodeId={(name == "a" ? _nodeA : _nodeB)}"]);
        (_a, _b) = (_cluster.NodeA, _cluster.NodeB);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task TheCommitIsCountedOnTheNodeThatTookTheReadingAndThePushOnTheNodeHoldingTheScreen()
    {
        var (patientId, deviceId) = await _a.RegisterPatientWithDeviceAsync();
        var (hub, observations) = await _b.WatchAsync(patientId);
        await using var _ = hub;
        var messageId = Guid.NewGuid();

        var response = await _a.Http.PostAsync("/api/v1/iot/realtime-data/",
            Messages.Json(Messages.Standard(deviceId, messageId, DateTimeOffset.UtcNow.AddSeconds(-3))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var type in new[] { "heart_rate", "blood_pressure" })
            await Wait.ForAsync(observations, o => o.MessageId == messageId.ToString() && o.Type == type, $"node A's {type} on node B's screen");

        var onB = await Scrape.UntilAsync(_b, _nodeB, m => m.Value("fajma_reading_push_latency_seconds_count") == 2, "both pushes counted on node B");
        foreach (var node in new[] { _a, _b }) await node.App.Services.GetRequiredService<FleetGauges>().SampleAsync(CancellationToken.None);
        var onA = await Scrape.UntilAsync(_a, _nodeA, m => m.Value("fajma_devices_active") == 1, "node A's fleet gauges");

        Assert.Equal((1.0, 0.0), (onA.Value("fajma_reading_commit_latency_seconds_count"), onB.Value("fajma_reading_commit_latency_seconds_count")));
        Assert.Equal(0, onA.Value("fajma_reading_push_latency_seconds_count"));
        Assert.Equal(0, onB.Value("fajma_reading_push_latency_seconds_bucket", ("le", "2.5")));
        Assert.Equal((1.0, 0.0), (onA.Value("fajma_ingest_messages_stored_total"), onB.Value("fajma_ingest_messages_stored_total")));
        // The store is shared: both nodes report the same fleet.
        await Scrape.UntilAsync(_b, _nodeB, m => m.Value("fajma_devices_active") == 1 && m.Value("fajma_devices_availability") == 1, "node B's fleet gauges");
        Assert.Contains($"service_instance_id=\"{_nodeA}\"", onA.Text, StringComparison.Ordinal);
        Assert.Contains($"service_instance_id=\"{_nodeB}\"", onB.Text, StringComparison.Ordinal);
    }
}
