using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary>
/// The broker reads each packet whole however TCP cuts the stream: a device on a poor link delivers a reading in pieces,
/// one that was offline sends its backlog in a burst, and each reading is acknowledged and stored exactly once.
/// </summary>
public sealed class MqttPacketReadingTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    [Fact]
    public async Task AReadingDeliveredOneByteAtATimeIsAcknowledgedAndStored()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var raw = await RawMqtt.SignInAsync(_host.MqttPort, deviceId, byteByByte: true);

        foreach (var b in RawMqtt.Reading(deviceId, 7, 1_000)) await raw.SendAsync(b);

        Assert.Equal((7, (byte)0), await raw.ReceivePubAckAsync());
        Assert.Equal(1, await _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId)));
    }

    [Fact]
    public async Task ABacklogSentInOneBurstHasEachReadingAcknowledgedOnce()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var raw = await RawMqtt.SignInAsync(_host.MqttPort, deviceId);

        // Three whole packets and the first half of a fourth in one write, its second half in the next.
        var fourth = RawMqtt.Reading(deviceId, 4, 4_000);
        await raw.SendAsync([.. RawMqtt.Reading(deviceId, 1, 1_000), .. RawMqtt.Reading(deviceId, 2, 2_000), .. RawMqtt.Reading(deviceId, 3, 3_000), .. fourth[..(fourth.Length / 2)]]);
        await raw.SendAsync(fourth[(fourth.Length / 2)..]);

        var acks = new List<(int PacketId, byte Reason)>();
        for (var i = 0; i < 4; i++) acks.Add(await raw.ReceivePubAckAsync());
        Assert.Equal(new (int, byte)[] { (1, 0), (2, 0), (3, 0), (4, 0) }, acks.Order());
        Assert.Equal(4, await _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId)));
    }
}
