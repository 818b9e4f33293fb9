using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Tests.Infrastructure;
using MQTTnet.Diagnostics.PacketInspection;

namespace Fajma.Server.Tests;

/// <summary>
/// The drain of a node on an external broker waits for the messages the broker released to it before its reply to a ping.
/// MQTTnet reads them on one loop and hands them to the node on another, so they may reach the node after the reply: the
/// drain must wait for them too, or it disconnects with them unacknowledged in its session (a CI run found 56 left so).
/// </summary>
public sealed class DrainBarrierTests
{
    private readonly InFlightMessages _inFlight = new();
    private readonly ReceivedPublishes _received = new();
    private int _roundTrips;

    private static InspectMqttPacketEventArgs Inbound(byte firstByte) => new(MqttPacketFlowDirection.Inbound, [firstByte, 0]);

    /// <summary>A ping whose reply came after one PUBLISH (QoS 1) the first time, after nothing since; then the drain's wait.</summary>
    private async Task RoundTripAsync(CancellationToken deadline)
    {
        if (Interlocked.Increment(ref _roundTrips) == 1) await _received.OnPacketAsync(Inbound(0x32));
        await _received.OnPacketAsync(Inbound(0xD0)); // the PINGRESP
        await _received.CaughtUpAsync(_received.Read, deadline);
    }

    [Fact]
    public async Task AMessageReadBeforeTheBrokersReplyButNotYetHandedToTheNodeKeepsTheDrainWaitingUntilItIsAcknowledged()
    {
        using var deadline = new CancellationTokenSource(Wait.Timeout);

        var settled = _inFlight.SettledAsync(RoundTripAsync, deadline.Token);
        Assert.False(settled.IsCompleted, "the drain waits for the message still in MQTTnet's queue");
        _inFlight.Enter(); // the node takes it…
        _received.Handed();
        Assert.False(settled.IsCompleted, "the drain waits for its commit and acknowledgement");
        _inFlight.Exit(); // …committed and acknowledged

        Assert.True(await Wait.ForAsync(settled, "the drain settling"));
        Assert.Equal(2, _roundTrips); // a second round trip found nothing more
    }

    [Fact]
    public async Task ALostConnectionEndsTheWaitForWhatWasQueuedOnIt()
    {
        using var deadline = new CancellationTokenSource(Wait.Timeout);

        var settled = _inFlight.SettledAsync(RoundTripAsync, deadline.Token);
        Assert.False(settled.IsCompleted);
        _received.ConnectionLost(); // MQTTnet drops its queue: the broker keeps the message for the node's session

        Assert.True(await Wait.ForAsync(settled, "the drain settling"));
    }

    [Fact]
    public async Task PacketsOtherThanPublishesAndWhatTheNodeSendsAreNotWaitedFor()
    {
        foreach (var first in new byte[] { 0x20, 0x40, 0x62, 0x90, 0xB0, 0xD0 }) await _received.OnPacketAsync(Inbound(first));
        await _received.OnPacketAsync(new InspectMqttPacketEventArgs(MqttPacketFlowDirection.Outbound, [0x30, 0]));
        Assert.Equal(0L, _received.Read);

        await _received.OnPacketAsync(Inbound(0x30));
        await _received.OnPacketAsync(Inbound(0x3D)); // QoS 2, retained, a duplicate: still a PUBLISH
        Assert.Equal(2L, _received.Read);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _received.CaughtUpAsync(2, deadline.Token));
    }
}
