using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fajma.Devices.Transport;

namespace Fajma.Devices.Tests;

/// <summary>
/// A device announces its keep-alive in its CONNECT and pings once it has sent nothing for that long — not on a timer of
/// its own every quarter second, as MQTTnet's client does. Read off the wire by a listener that answers as a broker would.
/// </summary>
public sealed class MqttKeepAliveTests
{
    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task ASilentDeviceAnnouncesItsKeepAliveAndPingsOnlyOnceItHasSentNothingForThatLong()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var device = new MqttDeviceTransport("dev-keepalive", "127.0.0.1", port, new byte[32], keepAlive: s_keepAlive);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var connecting = device.ConnectAsync(timeout.Token);
        using var broker = await listener.AcceptTcpClientAsync(timeout.Token);
        var wire = broker.GetStream();

        var (type, connect) = await ReadPacketAsync(wire, timeout.Token);
        Assert.Equal(0x10, type);
        Assert.Equal(2, connect[8] << 8 | connect[9]); // after the protocol name (6 bytes), level and flags [MQTT-3.1.2-10]
        await wire.WriteAsync(new byte[] { 0x20, 0x03, 0x00, 0x00, 0x00 }, timeout.Token); // CONNACK: accepted, no properties
        var (subscribeType, subscribe) = await ReadPacketAsync(wire, timeout.Token);
        Assert.Equal(0x82, subscribeType);
        await wire.WriteAsync(new byte[] { 0x90, 0x04, subscribe[0], subscribe[1], 0x00, 0x01 }, timeout.Token); // SUBACK: QoS 1
        await connecting;
        var silent = Stopwatch.StartNew();

        for (var ping = 1; ping <= 2; ping++)
        {
            var (pingType, pingBody) = await ReadPacketAsync(wire, timeout.Token);
            Assert.Equal(0xC0, pingType); // PINGREQ, nothing else sent meanwhile
            Assert.Empty(pingBody);
            Assert.True(silent.Elapsed >= s_keepAlive - TimeSpan.FromMilliseconds(100),
                $"ping {ping} after {silent.Elapsed.TotalMilliseconds:0} ms of silence, keep-alive {s_keepAlive.TotalSeconds} s");
            await wire.WriteAsync(new byte[] { 0xD0, 0x00 }, timeout.Token); // PINGRESP
            silent.Restart();
        }
        Assert.True(device.IsConnected);
    }

    [Theory]
    [InlineData(0)] // no keep-alive: the broker would stop watching, and the device ping without pause
    [InlineData(65_536)] // past the CONNECT's two bytes
    public void AKeepAliveTheConnectCannotCarryIsRefusedByName(int seconds)
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MqttDeviceTransport("dev-keepalive", "127.0.0.1", 1883, new byte[32], keepAlive: TimeSpan.FromSeconds(seconds)));
        Assert.Equal("keepAlive", refused.ParamName);
    }

    /// <summary>One MQTT packet: its type byte and body (the remaining length's bytes [MQTT-2.2.3]).</summary>
    private static async Task<(int Type, byte[] Body)> ReadPacketAsync(NetworkStream wire, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await wire.ReadExactlyAsync(one, cancellationToken);
        var type = one[0];
        int length = 0, shift = 0;
        do
        {
            await wire.ReadExactlyAsync(one, cancellationToken);
            length |= (one[0] & 0x7F) << shift;
            shift += 7;
        } while ((one[0] & 0x80) != 0);
        var body = new byte[length];
        await wire.ReadExactlyAsync(body, cancellationToken);
        return (type, body);
    }
}
