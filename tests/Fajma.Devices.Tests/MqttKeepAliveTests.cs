using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Fajma.Devices.Transport;

namespace Fajma.Devices.Tests;

/// <summary>
/// A device announces its keep-alive in its CONNECT and pings once it has sent nothing for that long — not on a timer of
/// its own every quarter second, as MQTTnet's client does. Read off the wire by a listener that answers as a broker would.
/// Run alone: a ping is answered within half a keep-alive or the device hangs up, and the thousand-device fleet of
/// <see cref="DeviceFleetTests"/> in the same process could hold a PINGRESP's continuation back that long.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class MqttKeepAliveTests
{
    private static readonly TimeSpan s_keepAlive = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task ASilentDeviceAnnouncesItsKeepAliveAndPingsOnlyOnceItHasSentNothingForThatLong()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var device = Device(listener, s_keepAlive);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var (broker, announced) = await ConnectedAsync(device, listener, timeout.Token);
        using var accepted = broker;
        Assert.Equal((int)s_keepAlive.TotalSeconds, announced);
        var silent = Stopwatch.StartNew();
        var stream = broker.GetStream();

        for (var ping = 1; ping <= 2; ping++)
        {
            var (pingType, pingBody) = await ReadPacketAsync(stream, timeout.Token);
            Assert.Equal(0xC0, pingType); // PINGREQ, nothing else sent meanwhile
            Assert.Empty(pingBody);
            Assert.True(silent.Elapsed >= s_keepAlive - TimeSpan.FromMilliseconds(100),
                $"ping {ping} after {silent.Elapsed.TotalMilliseconds:0} ms of silence, keep-alive {s_keepAlive.TotalSeconds} s");
            await stream.WriteAsync(new byte[] { 0xD0, 0x00 }, timeout.Token); // PINGRESP
            silent.Restart();
        }
        Assert.True(device.IsConnected);
    }

    [Fact]
    public async Task APingTheBrokerLeavesUnansweredForHalfAKeepAliveClosesTheConnection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var keepAlive = TimeSpan.FromSeconds(2);
        await using var device = Device(listener, keepAlive);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (broker, _) = await ConnectedAsync(device, listener, timeout.Token);
        using var accepted = broker;
        var stream = broker.GetStream();

        var (pingType, _) = await ReadPacketAsync(stream, timeout.Token);
        Assert.Equal(0xC0, pingType); // PINGREQ, left unanswered
        var unanswered = Stopwatch.StartNew();
        // The device hangs up: a DISCONNECT, then the end of the stream (nothing else, no second ping).
        var (disconnectType, _) = await ReadPacketAsync(stream, timeout.Token);
        Assert.Equal(0xE0, disconnectType);
        Assert.Equal(0, await stream.ReadAsync(new byte[1], timeout.Token));
        Assert.True(unanswered.Elapsed >= keepAlive / 2 - TimeSpan.FromMilliseconds(100), $"closed after {unanswered.Elapsed.TotalMilliseconds:0} ms");
        Assert.False(device.IsConnected);
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

    private static MqttDeviceTransport Device(TcpListener listener, TimeSpan keepAlive) =>
        new("dev-keepalive", "127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, new byte[32], keepAlive: keepAlive);

    /// <summary>Answers the device's CONNECT and SUBSCRIBE as a broker would; the keep-alive its CONNECT announced.</summary>
    private static async Task<(TcpClient Broker, int AnnouncedKeepAliveSeconds)> ConnectedAsync(MqttDeviceTransport device, TcpListener listener,
        CancellationToken cancellationToken)
    {
        var connecting = device.ConnectAsync(cancellationToken);
        var broker = await listener.AcceptTcpClientAsync(cancellationToken);
        var wire = broker.GetStream();
        var (type, connect) = await ReadPacketAsync(wire, cancellationToken);
        Assert.Equal(0x10, type);
        await wire.WriteAsync(new byte[] { 0x20, 0x03, 0x00, 0x00, 0x00 }, cancellationToken); // CONNACK: accepted, no properties
        var (subscribeType, subscribe) = await ReadPacketAsync(wire, cancellationToken);
        Assert.Equal(0x82, subscribeType);
        await wire.WriteAsync(new byte[] { 0x90, 0x04, subscribe[0], subscribe[1], 0x00, 0x01 }, cancellationToken); // SUBACK: QoS 1
        await connecting;
        return (broker, connect[8] << 8 | connect[9]); // after the protocol name (6 bytes), level and flags [MQTT-3.1.2-10]
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
