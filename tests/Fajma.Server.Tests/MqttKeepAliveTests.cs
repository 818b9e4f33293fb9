using System.Diagnostics;
using Fajma.Core.Wire;
using Fajma.Server.Ingestion;
using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>
/// The broker keeps a device's connection while something arrives from it within one and a half times the keep-alive its
/// CONNECT asked for [MQTT-3.1.2-24] — its readings count, not only its pings, though the broker answers them without
/// MQTTnet seeing them — and closes it once nothing has, telling an MQTT 5 device why (DISCONNECT, reason 0x8D).
/// </summary>
public sealed class MqttKeepAliveTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private long KeepAliveCloses => _host.App.Services.GetRequiredService<IngestionMetrics>().MqttConnectionsClosed(MqttFramingRefusal.KeepAliveExpired);

    private static byte[] Publish(string deviceId, ushort packetId, MqttProtocolVersion protocol) =>
        new MqttPacketFormatterAdapter(protocol, new MqttBufferWriter(4096, 65535)).Encode(new MqttPublishPacket
        {
            Topic = $"fajma/sensors/{deviceId}",
            PayloadSegment = System.Text.Encoding.UTF8.GetBytes(Messages.Flat(deviceId, packetId * 1_000L)),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            PacketIdentifier = packetId,
        }).ToArray();

    private async Task<RawMqtt> SignInAsync(string deviceId, ushort keepAliveSeconds, MqttProtocolVersion protocol)
    {
        var raw = await RawMqtt.ConnectAsync(_host.MqttPort);
        await raw.SendAsync(RawMqtt.Connect(deviceId, DeviceSecretText.Encode(Messages.Secrets[deviceId]), protocol, keepAliveSeconds));
        var (connAck, body) = await raw.ReceivePacketAsync();
        Assert.Equal((0x20, 0x00), (connAck, body[1])); // CONNACK, accepted
        return raw;
    }

    private static async Task<int> PubAckAsync(RawMqtt raw)
    {
        var (first, body) = await raw.ReceivePacketAsync();
        Assert.Equal(0x40, first);
        return (body[0] << 8) | body[1];
    }

    [Fact]
    public async Task ADeviceThatPublishesButNeverPingsStaysConnectedWellPastItsKeepAlive()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var raw = await SignInAsync(deviceId, keepAliveSeconds: 2, MqttProtocolVersion.V500);
        var closes = KeepAliveCloses;

        // A reading every half second for more than twice the 3 s the broker allows without a packet.
        var publishing = Stopwatch.StartNew();
        ushort sent = 0;
        while (publishing.Elapsed < TimeSpan.FromSeconds(6.5))
        {
            await raw.SendAsync(Publish(deviceId, ++sent, MqttProtocolVersion.V500));
            Assert.Equal(sent, await PubAckAsync(raw));
            await Task.Delay(TimeSpan.FromMilliseconds(500)); // the device's own pace, not a wait for the server
        }

        await raw.SendAsync(0xC0, 0x00); // PINGREQ: still connected, it is answered
        Assert.Equal(0xD0, (await raw.ReceivePacketAsync()).First);
        Assert.Equal(closes, KeepAliveCloses);
        Assert.Equal(sent, await _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId)));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V500, new byte[] { 0xE0, 0x02, 0x8D, 0x00 })] // DISCONNECT, Keep Alive timeout
    [InlineData(MqttProtocolVersion.V311, new byte[0])] // 3.1.1 has no DISCONNECT from the server: only the close
    public async Task ADeviceSilentForOneAndAHalfTimesItsKeepAliveIsDisconnected(MqttProtocolVersion protocol, byte[] toldBeforeTheClose)
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var raw = await SignInAsync(deviceId, keepAliveSeconds: 2, protocol);
        var closes = KeepAliveCloses;
        var silent = Stopwatch.StartNew(); // from before the device's last packet: the broker counts from receiving it
        await raw.SendAsync(Publish(deviceId, 1, protocol));
        Assert.Equal(1, await PubAckAsync(raw));

        var told = await raw.ClosedByServerAsync(TimeSpan.FromSeconds(15));

        // Not before one and a half keep-alives (3 s) without a packet; the PUBACK the broker sent meanwhile does not count.
        Assert.True(silent.Elapsed >= TimeSpan.FromSeconds(3), $"closed after {silent.Elapsed.TotalMilliseconds:0} ms of silence");
        Assert.Equal(toldBeforeTheClose, told);
        Assert.Equal(closes + 1, KeepAliveCloses);
    }
}
