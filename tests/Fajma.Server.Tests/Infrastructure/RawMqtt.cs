using System.Net.Security;
using System.Net.Sockets;
using Fajma.Devices.Transport;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// A bare TCP (or TLS) connection to the broker that writes whatever bytes a test chooses, as an attacker
/// does: no MQTT client library between the test and the server's framing.
/// </summary>
internal sealed class RawMqtt : IAsyncDisposable
{
    private readonly TcpClient _tcp;

    private RawMqtt(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        Stream = stream;
    }

    public Stream Stream { get; }

    public static async Task<RawMqtt> ConnectAsync(int port)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port);
        return new RawMqtt(tcp, tcp.GetStream());
    }

    /// <summary>A completed TLS handshake with the device's certificate from the platform CA (so the server has accepted it).</summary>
    public static async Task<RawMqtt> ConnectTlsAsync(int port, DeviceTlsIdentity identity)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", port);
        var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) => identity.TrustsServer(certificate));
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = [identity.Certificate],
            EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
        });
        return new RawMqtt(tcp, tls);
    }

    public async Task SendAsync(params byte[] bytes)
    {
        await Stream.WriteAsync(bytes);
        await Stream.FlushAsync();
    }

    /// <summary>Sends, and false if the server has already closed the connection.</summary>
    public async Task<bool> TrySendAsync(params byte[] bytes)
    {
        try
        {
            await SendAsync(bytes);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>One whole packet from the server (its first byte and its body), within <see cref="Wait.Timeout"/>.</summary>
    public async Task<(byte First, byte[] Body)> ReceivePacketAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Timeout);
        return await ReadPacketAsync(Stream, timeout.Token);
    }

    /// <summary>One whole packet from <paramref name="stream"/>: its first byte and its body (the remaining length read off).</summary>
    public static async Task<(byte First, byte[] Body)> ReadPacketAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[1];
        await stream.ReadExactlyAsync(header, cancellationToken);
        int length = 0, multiplier = 1;
        var digit = new byte[1];
        do
        {
            await stream.ReadExactlyAsync(digit, cancellationToken);
            length += (digit[0] & 0x7F) * multiplier;
            multiplier *= 128;
        }
        while ((digit[0] & 0x80) != 0);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (header[0], body);
    }

    /// <summary>
    /// Reads until the server closes (EOF or reset) and returns what it sent before; a timeout if it is
    /// still open after <paramref name="within"/> (default <see cref="Wait.Timeout"/>).
    /// </summary>
    public async Task<byte[]> ClosedByServerAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? Wait.Timeout);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await Stream.ReadAsync(buffer, timeout.Token);
                if (read == 0) return received.ToArray();
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"the server kept the connection open for {(within ?? Wait.Timeout).TotalSeconds} s (received {received.Length} bytes)");
        }
        catch (IOException)
        {
            return received.ToArray(); // reset
        }
    }

    /// <summary>A CONNECT (MQTT 5 unless told) as a device signs in: client id and user name its id, password its secret.</summary>
    public static byte[] Connect(string clientId, string? password = null, MqttProtocolVersion protocol = MqttProtocolVersion.V500, ushort keepAliveSeconds = 60) =>
        new MqttPacketFormatterAdapter(protocol, new MqttBufferWriter(4096, 65535)).Encode(new MqttConnectPacket
        {
            ClientId = clientId,
            Username = clientId,
            Password = password is null ? null : System.Text.Encoding.UTF8.GetBytes(password),
            CleanSession = true,
            KeepAlivePeriod = keepAliveSeconds,
        }).ToArray();

    /// <summary>Connected and signed in as <paramref name="deviceId"/> (see <see cref="SignInAsync(string, MqttProtocolVersion, ushort, bool)"/>).</summary>
    public static async Task<RawMqtt> SignInAsync(int port, string deviceId, MqttProtocolVersion protocol = MqttProtocolVersion.V500,
        ushort keepAliveSeconds = 60, bool byteByByte = false)
    {
        var raw = await ConnectAsync(port);
        await raw.SignInAsync(deviceId, protocol, keepAliveSeconds, byteByByte);
        return raw;
    }

    /// <summary>
    /// Signs in as <paramref name="deviceId"/> with its secret and checks the CONNACK's Success (only a connection still open
    /// and waiting gets one); the CONNECT written whole or one byte at a time (a device on a poor link).
    /// </summary>
    public async Task SignInAsync(string deviceId, MqttProtocolVersion protocol = MqttProtocolVersion.V500, ushort keepAliveSeconds = 60, bool byteByByte = false)
    {
        var connect = Connect(deviceId, Fajma.Core.Wire.DeviceSecretText.Encode(Messages.Secrets[deviceId]), protocol, keepAliveSeconds);
        if (byteByByte) foreach (var b in connect) await SendAsync(b);
        else await SendAsync(connect);
        var (connAck, body) = await ReceivePacketAsync();
        Assert.Equal((0x20, 0x00), (connAck, body[1])); // CONNACK, reason Success
    }

    /// <summary>A reading as a device publishes it: the flat ESP32 message, QoS 1, on the device's own topic.</summary>
    public static byte[] Reading(string deviceId, ushort packetId, long uptimeMs, MqttProtocolVersion protocol = MqttProtocolVersion.V500) =>
        new MqttPacketFormatterAdapter(protocol, new MqttBufferWriter(4096, 65535)).Encode(new MqttPublishPacket
        {
            Topic = $"fajma/sensors/{deviceId}",
            PayloadSegment = System.Text.Encoding.UTF8.GetBytes(Messages.Flat(deviceId, uptimeMs)),
            QualityOfServiceLevel = MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce,
            PacketIdentifier = packetId,
        }).ToArray();

    /// <summary>The next packet, a PUBACK: its packet id and its reason (MQTT 5 leaves out a Success reason with no properties).</summary>
    public async Task<(int PacketId, byte Reason)> ReceivePubAckAsync()
    {
        var (first, body) = await ReceivePacketAsync();
        Assert.Equal(0x40, first);
        return ((body[0] << 8) | body[1], body.Length > 2 ? body[2] : (byte)0);
    }

    /// <summary>A fixed header of packet type byte <paramref name="first"/> declaring <paramref name="remainingLength"/> bytes to follow.</summary>
    public static byte[] FixedHeader(byte first, int remainingLength)
    {
        var bytes = new List<byte> { first };
        do
        {
            var digit = (byte)(remainingLength % 128);
            remainingLength /= 128;
            bytes.Add(remainingLength > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (remainingLength > 0);
        return [.. bytes];
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        _tcp.Dispose();
    }
}
