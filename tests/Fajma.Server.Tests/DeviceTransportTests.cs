using Fajma.Devices.Transport;
using Fajma.Server.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>
/// The device SDK's MQTT transport against a real Mosquitto. A broker with nobody subscribed (no node, or a Mosquitto
/// restarted without its shared subscriptions) answers PUBACK 0x10 and drops the message: the SDK must send it again,
/// never count it as delivered.
/// </summary>
public sealed class DeviceTransportTests : IAsyncLifetime
{
    private TestMosquitto _broker = null!;

    public async Task InitializeAsync() => _broker = await TestMosquitto.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task AMessageTheBrokerDroppedForWantOfASubscriberIsNotDeliveredAndGoesThroughOnceANodeSubscribes()
    {
        var deviceId = $"SDK-{Guid.NewGuid():N}"[..16];
        await using var device = new MqttDeviceTransport(deviceId, "127.0.0.1", _broker.Port, new byte[32]);
        await device.ConnectAsync(CancellationToken.None);
        var reading = "{\"device_id\":\"x\"}"u8.ToArray();

        await Assert.ThrowsAsync<NotDeliveredException>(() => device.PublishAsync(reading, CancellationToken.None));

        // A node subscribes (as a Fajma node does, through the shared subscription): the same message goes through.
        using var node = new MqttClientFactory().CreateMqttClient();
        var received = System.Threading.Channels.Channel.CreateUnbounded<string>();
        node.ApplicationMessageReceivedAsync += e =>
        {
            received.Writer.TryWrite(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        await node.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        await node.SubscribeAsync($"$share/fajma/fajma/sensors/{deviceId}", MqttQualityOfServiceLevel.AtLeastOnce);

        var result = await device.PublishAsync(reading, CancellationToken.None);

        Assert.True(result.Accepted);
        Assert.Equal($"fajma/sensors/{deviceId}", await Wait.ForAsync(received.Reader, _ => true, "the message at the subscribed node"));
    }
}
