using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Packets;

namespace Fajma.Devices.Transport;

/// <summary>
/// MQTTnet's client watches its keep-alive by waking every 250 ms per connection (a <c>Task.Delay</c> in its keep-alive loop):
/// four wakes a second for a device that reads once every five seconds, and in a simulated fleet of 15,000 a quarter to a
/// third of its processes' CPU (docs/performance.md, issue 15, twenty-third session). So the client
/// is given no keep-alive of its own, and these connections announce the device's in their CONNECT [MQTT-3.1.2-10]: the
/// broker still watches the silence, and <see cref="MqttDeviceTransport"/> pings when it has sent nothing for that long.
/// </summary>
internal sealed class AnnouncedKeepAlive(TimeSpan keepAlive) : IMqttClientAdapterFactory
{
    private readonly MqttClientAdapterFactory _inner = new();
    private readonly ushort _seconds = checked((ushort)keepAlive.TotalSeconds);

    public IMqttChannelAdapter CreateClientAdapter(MQTTnet.MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger) =>
        new Adapter(_inner.CreateClientAdapter(options, packetInspector, logger), _seconds);

    private sealed class Adapter(IMqttChannelAdapter inner, ushort keepAliveSeconds) : IMqttChannelAdapter
    {
        public long BytesReceived => inner.BytesReceived;

        public long BytesSent => inner.BytesSent;

        public X509Certificate2 ClientCertificate => inner.ClientCertificate;

        public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

        public EndPoint LocalEndPoint => inner.LocalEndPoint;

        public bool IsSecureConnection => inner.IsSecureConnection;

        public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

        public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

        public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

        public Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken) => inner.ReceivePacketAsync(cancellationToken);

        public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
        {
            if (packet is MqttConnectPacket connect) connect.KeepAlivePeriod = keepAliveSeconds;
            return inner.SendPacketAsync(packet, cancellationToken);
        }

        public void ResetStatistics() => inner.ResetStatistics();

        public void Dispose() => inner.Dispose();
    }
}
