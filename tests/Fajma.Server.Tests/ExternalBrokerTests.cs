using Fajma.Core.Wire;
using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>
/// <c>Mqtt:Broker=External</c>: nodes are MQTT clients of a real Mosquitto (a fresh one per test, so no session of another
/// test shares the <c>$share/fajma</c> group), devices publish to Mosquitto, and a node acknowledges only after the pipeline.
/// </summary>
public sealed class ExternalBrokerTests : IAsyncLifetime
{
    private readonly List<(FajmaHost Host, bool KeepData)> _nodes = [];
    private TestMosquitto _broker = null!;

    public async Task InitializeAsync() => _broker = await TestMosquitto.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var (host, keepData) in _nodes)
        {
            if (keepData) await host.StopKeepingDataAsync();
            else await host.DisposeAsync();
        }
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task ASignedReadingPublishedToTheBrokerIsStoredAndReachesTheDoctorsScreen()
    {
        var node = await StartNodeAsync(await TestDatabase.SqliteAsync(), NewNodeId());
        var (patientId, deviceId) = await node.RegisterPatientWithDeviceAsync();
        var (hub, observations) = await node.WatchAsync(patientId);
        await using var _ = hub;
        using var device = await TestMqtt.ConnectDeviceAsync(_broker.Port, deviceId);

        var published = await device.PublishAsync(Reading(deviceId, Guid.NewGuid()));

        Assert.Equal(MqttClientPublishReasonCode.Success, published.ReasonCode); // the broker's PUBACK: it holds the message
        var seen = await Wait.ForAsync(observations, o => o.PatientId == patientId, "the reading on the doctor's screen");
        Assert.Equal(deviceId, seen.DeviceId);
        Assert.Equal(1, await StoredAsync(node, deviceId));
    }

    [Fact]
    public async Task AReadingPublishedWhileTheNodeIsDownWaitsInItsSessionAndIsStoredOnceWhenItComesBack()
    {
        var database = await TestDatabase.SqliteAsync();
        var nodeId = NewNodeId();
        // A lone node keeps its place in the group when it stops, so the broker queues for it (no other member to deal to).
        var node = await StartNodeAsync(database, nodeId, keepData: true);
        var (_, deviceId) = await node.RegisterPatientWithDeviceAsync();
        using var device = await TestMqtt.ConnectDeviceAsync(_broker.Port, deviceId);
        await node.StopKeepingDataAsync();
        _nodes.Clear();

        var whileDown = Reading(deviceId, Guid.NewGuid());
        Assert.True((await device.PublishAsync(whileDown)).IsSuccess);
        var restarted = await StartNodeAsync(database, nodeId);
        await Wait.UntilAsync(async () => await StoredAsync(restarted, deviceId) == 1, "the reading queued in the node's session, stored");

        // The device resends it (it lost the PUBACK, say), then sends the next one: the first is still stored once.
        await device.PublishAsync(whileDown);
        await device.PublishAsync(Reading(deviceId, Guid.NewGuid()));
        await Wait.UntilAsync(async () => await StoredAsync(restarted, deviceId) == 2, "the next reading stored");
        Assert.Equal(2, await StoredAsync(restarted, deviceId));
    }

    [Fact]
    public async Task AReadingTheStoreCouldNotTakeIsLeftUnacknowledgedAndStoredOnceWhenTheStoreIsBack()
    {
        var node = await StartNodeAsync(await TestDatabase.PostgresAsync(), NewNodeId());
        var (_, deviceId) = await node.RegisterPatientWithDeviceAsync();
        using var device = await TestMqtt.ConnectDeviceAsync(_broker.Port, deviceId);
        await StoreDownAsync(node);

        Assert.True((await device.PublishAsync(Reading(deviceId, Guid.NewGuid()))).IsSuccess);
        await Wait.UntilAsync(() => Task.FromResult(Intake(node).Recycled > 0), "the node giving the message back to the broker");
        Assert.Equal((0, 0L), (await StoredAsync(node, deviceId), Intake(node).Acknowledged));

        await StoreBackAsync(node);
        await Wait.UntilAsync(async () => await StoredAsync(node, deviceId) == 1, "the redelivered reading stored");
        await Wait.UntilAsync(() => Task.FromResult(Intake(node).Acknowledged == 1), "the reading acknowledged once stored");
        Assert.Equal(1, await StoredAsync(node, deviceId));
    }

    [Fact]
    public async Task ReadingsTheStoreRefusedTogetherAreOneFaultSoTheNodeIsBackForThemInAMomentOnceTheStoreIs()
    {
        const int readings = 30;
        var node = await StartNodeAsync(await TestDatabase.PostgresAsync(), NewNodeId());
        var (_, deviceId) = await node.RegisterPatientWithDeviceAsync();
        using var device = await TestMqtt.ConnectDeviceAsync(_broker.Port, deviceId);
        await StoreDownAsync(node);
        for (var n = 0; n < readings; n++) Assert.True((await device.PublishAsync(Reading(deviceId, Guid.NewGuid()))).IsSuccess);
        await Wait.UntilAsync(() => Task.FromResult(Intake(node).Recycled > 0), "the node giving the readings back to the broker");

        await StoreBackAsync(node);

        // The pause before taking them again doubles with each fault in a row: counted per reading, 30 of them made it 30 s.
        await Wait.UntilAsync(async () => await StoredAsync(node, deviceId) == readings, "every reading stored once the store is back");
    }

    [Fact]
    public async Task TwoNodesSharingTheSubscriptionEachTakePartOfTheStreamAndEveryReadingIsStoredOnce()
    {
        const int devices = 4, readingsEach = 25;
        // PostgreSQL: a SQLite store has one writing process (it numbers rows itself), so one node.
        var database = await TestDatabase.PostgresAsync();
        var nodeA = await StartNodeAsync(database, NewNodeId(), keepData: true);
        var nodeB = await StartNodeAsync(database, NewNodeId());
        var ids = new List<string>();
        for (var i = 0; i < devices; i++) ids.Add((await nodeA.RegisterPatientWithDeviceAsync()).DeviceId);

        await Task.WhenAll(ids.Select(async id =>
        {
            using var device = await TestMqtt.ConnectDeviceAsync(_broker.Port, id);
            for (var n = 0; n < readingsEach; n++) Assert.True((await device.PublishAsync(Reading(id, Guid.NewGuid()))).IsSuccess);
        }));

        await Wait.UntilAsync(async () => await nodeB.QueryAsync(db => db.IngestedMessages.CountAsync(m => ids.Contains(m.DeviceId))) == devices * readingsEach,
            "every reading stored");
        // Each node acknowledges after its commit: the last acknowledgements follow the last rows.
        await Wait.UntilAsync(() => Task.FromResult(Intake(nodeA).Acknowledged + Intake(nodeB).Acknowledged >= devices * readingsEach), "every reading acknowledged");
        var taken = (A: Intake(nodeA).Acknowledged, B: Intake(nodeB).Acknowledged);
        Assert.True(taken is { A: > 0, B: > 0 }, $"each node takes part of the stream: A {taken.A}, B {taken.B}");
        Assert.Equal(devices * readingsEach, taken.A + taken.B);
        Assert.Equal(devices * readingsEach, await nodeB.QueryAsync(db => db.IngestedMessages.Where(m => ids.Contains(m.DeviceId)).Select(m => m.MessageKey).Distinct().CountAsync()));
    }

    [Fact]
    public async Task AnUnsignedReadingIsDeadLetteredAndAcknowledgedSoTheBrokerNeverDeliversItAgain()
    {
        var database = await TestDatabase.SqliteAsync();
        var nodeId = NewNodeId();
        var node = await StartNodeAsync(database, nodeId, keepData: true);
        var (_, deviceId) = await node.RegisterPatientWithDeviceAsync();
        using var device = await TestMqtt.ConnectDeviceAsync(_broker.Port, deviceId);

        Assert.Equal(MqttClientPublishReasonCode.Success, (await device.PublishAsync(Reading(deviceId, Guid.NewGuid(), sign: false))).ReasonCode);

        await Wait.UntilAsync(async () => await DeadLettersAsync(node, deviceId) == 1, "the unsigned reading dead-lettered");
        await Wait.UntilAsync(() => Task.FromResult(Intake(node).Acknowledged == 1), "the refusal acknowledged to the broker");
        // Back with the same session: an unacknowledged message would be resent first; only the signed one arrives.
        await node.StopKeepingDataAsync();
        _nodes.Clear();
        var restarted = await StartNodeAsync(database, nodeId);
        await device.PublishAsync(Reading(deviceId, Guid.NewGuid()));
        await Wait.UntilAsync(async () => await StoredAsync(restarted, deviceId) == 1, "the signed reading stored");
        // The row is visible once committed; its acknowledgement to the broker follows: awaited, then counted exactly.
        await Wait.UntilAsync(() => Task.FromResult(Intake(restarted).Acknowledged >= 1), "the signed reading acknowledged to the broker");
        Assert.Equal(1, Intake(restarted).Acknowledged);
        Assert.Equal(1, await DeadLettersAsync(restarted, deviceId));
    }

    [Fact]
    public async Task ACriticalAlertOnTheAlertsTopicPagesTheDoctor()
    {
        var node = await StartNodeAsync(await TestDatabase.SqliteAsync(), NewNodeId());
        var (patientId, deviceId) = await node.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(node.Url, node.DoctorToken);
        using var device = await TestMqtt.ConnectDeviceAsync(_broker.Port, deviceId);
        var alert = StandardMessageBuilder.CriticalAlert(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow,
            new WireAlertPayload("CARDIAC_ARRHYTHMIA", "HIGH", "Rythme cardiaque irrégulier détecté",
                new Dictionary<string, double> { ["heart_rate"] = 180, ["confidence"] = 0.95 }, "IMMEDIATE_MEDICAL_ATTENTION", AutoEmergencyCall: false),
            Messages.Secrets[deviceId]);

        var published = await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(MqttTopics.Alerts(deviceId)).WithPayload(alert)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.ExactlyOnce).Build());

        Assert.Equal(MqttClientPublishReasonCode.Success, published.ReasonCode);
        var paged = await doctor.NextAsync(a => a.PatientId == patientId, "the device's alert paging the doctor");
        Assert.Equal(("device", $"device:{deviceId}:CARDIAC_ARRHYTHMIA", "critical"), (paged.Kind, paged.Rule, paged.Severity));
    }

    private async Task<FajmaHost> StartNodeAsync(TestDatabase database, string nodeId, bool keepData = false, params string[] settings)
    {
        var host = await FajmaHost.StartAsync(database, ["--Mqtt:Broker=External", $"--Mqtt:Url={_broker.Url}", $"--Mqtt:NodeId={nodeId}", .. settings]);
        _nodes.Add((host, keepData));
        await Wait.UntilAsync(() => Task.FromResult(Intake(host).IsReady), $"node {nodeId} subscribed at the broker");
        return host;
    }

    /// <summary>A real store fault: PostgreSQL refuses every new message while the trigger is there.</summary>
    private static Task<int> StoreDownAsync(FajmaHost node) => node.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""
        CREATE FUNCTION store_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'store down (test)'; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER store_down BEFORE INSERT ON ingested_messages FOR EACH ROW EXECUTE FUNCTION store_down();
        """));

    private static Task<int> StoreBackAsync(FajmaHost node) => node.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER store_down ON ingested_messages"));

    private static ExternalMqttIngestion Intake(FajmaHost host) => host.App.Services.GetRequiredService<ExternalMqttIngestion>();

    private static string NewNodeId() => "test-node-" + Guid.NewGuid().ToString("N")[..8];

    private static MqttApplicationMessage Reading(string deviceId, Guid messageId, bool sign = true) =>
        new MqttApplicationMessageBuilder().WithTopic(MqttTopics.Telemetry(deviceId))
            .WithPayload(Messages.Standard(deviceId, messageId, DateTimeOffset.UtcNow, sign: sign))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private static Task<int> StoredAsync(FajmaHost host, string deviceId) => host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId));

    private static Task<int> DeadLettersAsync(FajmaHost host, string deviceId) => host.QueryAsync(db => db.DeadLetters.CountAsync(d => d.DeviceId == deviceId));
}
