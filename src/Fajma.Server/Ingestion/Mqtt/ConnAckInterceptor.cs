using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// MQTTnet's CONNACK on its way out. MQTTnet's server always sends Maximum Packet Size 0 ("no limit"); this puts
/// the broker's real limit there so an MQTT 5 client knows it (MQTT 3.1.1 has no such field: the encoder leaves it
/// out). A successful one tells the channel its client has signed in (no longer pending), then in which protocol.
/// </summary>
internal sealed class ConnAckInterceptor(IMqttChannelAdapter inner, GuardedMqttChannel channel, uint maximumPacketSize) : IMqttChannelAdapter
{
    public long BytesReceived => inner.BytesReceived;

    public long BytesSent => inner.BytesSent;

    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    public bool IsSecureConnection => inner.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken) =>
        packet is MqttConnAckPacket connAck ? SendConnAckAsync(connAck, cancellationToken) : inner.SendPacketAsync(packet, cancellationToken);

    private async Task SendConnAckAsync(MqttConnAckPacket connAck, CancellationToken cancellationToken)
    {
        connAck.MaximumPacketSize = maximumPacketSize;
        var accepted = connAck.ReasonCode == MQTTnet.Protocol.MqttConnectReasonCode.Success;
        if (accepted) channel.ConnectAccepted(); // before the client can see its CONNACK and open another connection
        await inner.SendPacketAsync(connAck, cancellationToken).ConfigureAwait(false);
        if (accepted) channel.ConnAckSent(inner.PacketFormatterAdapter.ProtocolVersion); // a DISCONNECT of the channel's own may follow it, never precede it
    }

    public Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken) => inner.ReceivePacketAsync(cancellationToken);

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public void ResetStatistics() => inner.ResetStatistics();

    public void Dispose() => inner.Dispose();
}
