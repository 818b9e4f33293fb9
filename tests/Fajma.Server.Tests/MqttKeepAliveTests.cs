using System.Diagnostics;
using Fajma.Server.Ingestion;
using Fajma.Server.Ingestion.Mqtt;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet.Formatter;

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

    [Fact]
    public async Task ADeviceThatPublishesButNeverPingsStaysConnectedWellPastItsKeepAlive()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var raw = await RawMqtt.SignInAsync(_host.MqttPort, deviceId, keepAliveSeconds: 2);
        var closes = KeepAliveCloses;

        // A reading every half second for more than twice the 3 s the broker allows without a packet.
        var publishing = Stopwatch.StartNew();
        ushort sent = 0;
        while (publishing.Elapsed < TimeSpan.FromSeconds(6.5))
        {
            await raw.SendAsync(RawMqtt.Reading(deviceId, ++sent, sent * 1_000L));
            Assert.Equal(((int)sent, (byte)0), await raw.ReceivePubAckAsync());
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
        await using var raw = await RawMqtt.SignInAsync(_host.MqttPort, deviceId, protocol, keepAliveSeconds: 2);
        var closes = KeepAliveCloses;
        var silent = Stopwatch.StartNew(); // from before the device's last packet: the broker counts from receiving it
        await raw.SendAsync(RawMqtt.Reading(deviceId, 1, 1_000, protocol));
        Assert.Equal((1, (byte)0), await raw.ReceivePubAckAsync());

        var told = await raw.ClosedByServerAsync(TimeSpan.FromSeconds(15));

        // Not before one and a half keep-alives (3 s) without a packet; the PUBACK the broker sent meanwhile does not count.
        Assert.True(silent.Elapsed >= TimeSpan.FromSeconds(3), $"closed after {silent.Elapsed.TotalMilliseconds:0} ms of silence");
        Assert.Equal(toldBeforeTheClose, told);
        Assert.Equal(closes + 1, KeepAliveCloses);
    }
}
