using Fajma.Core.Wire;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>
/// The broker reads each packet whole however TCP cuts the stream: a device on a poor link delivers a reading in pieces,
/// one that was offline sends its backlog in a burst, and each reading is acknowledged and stored exactly once.
/// </summary>
public sealed class MqttPacketReadingTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private static byte[] Publish(string deviceId, ushort packetId, long uptimeMs) =>
        new MqttPacketFormatterAdapter(MqttProtocolVersion.V500, new MqttBufferWriter(4096, 65535)).Encode(new MqttPublishPacket
        {
            Topic = $"fajma/sensors/{deviceId}",
            PayloadSegment = System.Text.Encoding.UTF8.GetBytes(Messages.Flat(deviceId, uptimeMs)),
            QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            PacketIdentifier = packetId,
        }).ToArray();

    private static async Task<RawMqtt> SignInAsync(FajmaHost host, string deviceId, bool byteByByte)
    {
        var raw = await RawMqtt.ConnectAsync(host.MqttPort);
        var connect = RawMqtt.Connect(deviceId, DeviceSecretText.Encode(Messages.Secrets[deviceId]));
        if (byteByByte) foreach (var b in connect) await raw.SendAsync(b);
        else await raw.SendAsync(connect);
        var (connAck, body) = await raw.ReceivePacketAsync();
        Assert.Equal((0x20, 0x00), (connAck, body[1])); // CONNACK, reason Success
        return raw;
    }

    /// <summary>A PUBACK's packet id, and its reason (MQTT 5 leaves out a Success reason with no properties).</summary>
    private static async Task<(int PacketId, byte Reason)> PubAckAsync(RawMqtt raw)
    {
        var (first, body) = await raw.ReceivePacketAsync();
        Assert.Equal(0x40, first);
        return ((body[0] << 8) | body[1], body.Length > 2 ? body[2] : (byte)0);
    }

    [Fact]
    public async Task AReadingDeliveredOneByteAtATimeIsAcknowledgedAndStored()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var raw = await SignInAsync(_host, deviceId, byteByByte: true);

        foreach (var b in Publish(deviceId, 7, 1_000)) await raw.SendAsync(b);

        Assert.Equal((7, (byte)0), await PubAckAsync(raw));
        Assert.Equal(1, await _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId)));
    }

    [Fact]
    public async Task ABacklogSentInOneBurstHasEachReadingAcknowledgedOnce()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var raw = await SignInAsync(_host, deviceId, byteByByte: false);

        // Three whole packets and the first half of a fourth in one write, its second half in the next.
        var fourth = Publish(deviceId, 4, 4_000);
        await raw.SendAsync([.. Publish(deviceId, 1, 1_000), .. Publish(deviceId, 2, 2_000), .. Publish(deviceId, 3, 3_000), .. fourth[..(fourth.Length / 2)]]);
        await raw.SendAsync(fourth[(fourth.Length / 2)..]);

        var acks = new List<(int PacketId, byte Reason)>();
        for (var i = 0; i < 4; i++) acks.Add(await PubAckAsync(raw));
        Assert.Equal(new (int, byte)[] { (1, 0), (2, 0), (3, 0), (4, 0) }, acks.Order());
        Assert.Equal(4, await _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId)));
    }
}
