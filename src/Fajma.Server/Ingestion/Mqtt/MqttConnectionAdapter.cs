using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// MQTTnet's packets read from and written to a <see cref="GuardedMqttChannel"/>, in place of MQTTnet's own adapter. A quiet
/// device's connection spends nearly all its life waiting for the next packet, and MQTTnet's adapter waits through five
/// nested async methods, five objects per packet that outlive the collector's youngest generation and are copied up on each
/// of its collections — with thousands of devices, the longest pauses the screens see. Here the wait is one method reading
/// the stream itself; sending takes a semaphore instead of an async lock with a waiter array per connection. For the same
/// reason a packet's bytes are not kept past its decoding: its body is a pooled buffer (MQTTnet's decoders copy what a packet
/// keeps), and a PUBLISH's payload is let go once MQTTnet asks for the next packet, having handled it.
/// A signed-in device's QoS 0 and 1 PUBLISHes never reach MQTTnet: they are answered here (<see cref="IDevicePublishes"/>),
/// the PUBACK written by the reader itself, one at a time and in order as MQTTnet's loop would. So MQTTnet no longer sees
/// every packet, and its keep-alive watch, which counts what it sees, is left to the channel (<see cref="GuardedMqttChannel.WatchKeepAlive"/>).
/// </summary>
internal sealed class MqttConnectionAdapter(GuardedMqttChannel channel, MqttPacketFormatterAdapter formatter, bool allowPacketFragmentation, IDevicePublishes publishes)
    : IMqttChannelAdapter
{
    private readonly MqttPacketAssembly _assembly = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private MqttPublishPacket? _handled; // the last PUBLISH read: MQTTnet's receive loop holds it until the next packet
    private string? _clientId; // the CONNECT's; a device's id once the CONNACK accepting it is out
    private long _bytesReceived, _bytesSent;
    private volatile bool _disposed;

    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    public long BytesSent => Volatile.Read(ref _bytesSent);

    public X509Certificate2 ClientCertificate => channel.ClientCertificate!;

    public EndPoint RemoteEndPoint => channel.RemoteEndPoint;

    public EndPoint LocalEndPoint => channel.LocalEndPoint;

    public bool IsSecureConnection => channel.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => formatter;

    /// <summary>
    /// The next whole packet for MQTTnet, or null once the connection has ended (or the wait was cancelled). The stream is
    /// read here, not in a method called once per packet: a device waiting seconds for its next packet then holds no object
    /// of its own (<see cref="MqttPacketAssembly"/>). A connection that ends inside a packet leaves its pooled body to the collector.
    /// </summary>
    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            ReleaseHandledPayload();
            MqttPacket packet;
            try
            {
                while (true)
                {
                    if (channel.Stream is not { } stream) return null!;
                    var wanted = _assembly.Wanted;
                    int read;
                    try
                    {
                        read = await stream.ReadAsync(wanted, cancellationToken).ConfigureAwait(false);
                    }
                    catch (IOException e) when (!_assembly.InBody && e.InnerException is SocketException)
                    {
                        return null!; // reset between packets: the device went away
                    }
                    if (read == 0 || cancellationToken.IsCancellationRequested) return null!;
                    if (!channel.Screen(wanted.Span[..read], out var refusal))
                    {
                        if (refusal is { } reason) await channel.RefuseAsync(reason).ConfigureAwait(false);
                        return null!;
                    }
                    if (_assembly.Took(read)) break;
                }
                packet = Decode();
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return null!;
            }
            catch (Exception e) when (Unexpected(e) is { } wrapped)
            {
                throw wrapped;
            }
            if (packet is MqttConnectPacket connect && _clientId is null) WatchKeepAlive(connect); // a second CONNECT: MQTTnet refuses it
            if (packet is not MqttPublishPacket publish || AnsweredHere(publish) is not { } device) return packet;
            if (!await AnswerAsync(device, publish, cancellationToken).ConfigureAwait(false)) return null!;
        }
    }

    /// <summary>
    /// The device a PUBLISH is answered here for, or null to leave it to MQTTnet: QoS 2 (its PUBREC/PUBREL/PUBCOMP state
    /// is MQTTnet's session's), a topic alias (MQTTnet keeps the connection's alias table), and anything before sign-in.
    /// </summary>
    private string? AnsweredHere(MqttPublishPacket publish) =>
        publish.QualityOfServiceLevel != MqttQualityOfServiceLevel.ExactlyOnce && publish.TopicAlias == 0 && channel.SignedIn ? _clientId : null;

    /// <summary>Answers a PUBLISH as MQTTnet's loop would (the PUBACK for QoS 1); false if the connection ended meanwhile.</summary>
    private async Task<bool> AnswerAsync(string device, MqttPublishPacket publish, CancellationToken cancellationToken)
    {
        try
        {
            var mqtt5 = formatter.ProtocolVersion == MqttProtocolVersion.V500;
            var answer = await publishes.AnswerAsync(device, mqtt5, publish.Topic, publish.Payload, cancellationToken).ConfigureAwait(false);
            if (publish.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtLeastOnce)
                await SendPacketAsync(answer.ToPubAck(publish.PacketIdentifier), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return false; // closed or stopping: no PUBACK, the device resends; anything else ends the connection in MQTTnet's loop
        }
    }

    /// <summary>
    /// The CONNECT's keep-alive [MQTT-3.1.2-24] is watched by the channel, which sees every byte; MQTTnet's watch is given
    /// none to keep (it would count only the packets handed to it and close a device that publishes, but never pings).
    /// </summary>
    private void WatchKeepAlive(MqttConnectPacket connect)
    {
        _clientId = connect.ClientId;
        channel.WatchKeepAlive(TimeSpan.FromSeconds(connect.KeepAlivePeriod));
        connect.KeepAlivePeriod = 0;
    }

    private MqttPacket Decode()
    {
        try
        {
            var received = _assembly.Packet;
            Interlocked.Add(ref _bytesReceived, received.TotalLength);
            if (formatter.ProtocolVersion == MqttProtocolVersion.Unknown) formatter.DetectProtocolVersion(received);
            var packet = formatter.Decode(received) ?? throw new MqttProtocolViolationException("Received malformed packet.");
            _handled = packet as MqttPublishPacket;
            return packet;
        }
        finally
        {
            _assembly.Next();
        }
    }

    /// <summary>
    /// MQTTnet asks for the next packet only once it has handled the last (dispatched it, queued its PUBACK); its loop
    /// keeps the last packet until the next arrives. A quiet device's payload, seconds later, would otherwise be copied up
    /// through the collector's generations with every connection's. The application message MQTTnet made of it holds its
    /// own reference, for as long as anything still reads it.
    /// </summary>
    private void ReleaseHandledPayload()
    {
        if (_handled is not { } handled) return;
        handled.Payload = ReadOnlySequence<byte>.Empty;
        _handled = null;
    }

    public async Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false); // the formatter's one buffer: one packet at a time
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var buffer = formatter.Encode(packet);
            if (buffer.Payload.Length != 0 && allowPacketFragmentation)
            {
                await channel.WriteAsync(new ReadOnlySequence<byte>(buffer.Packet), false, cancellationToken).ConfigureAwait(false);
                await channel.WriteAsync(buffer.Payload, true, cancellationToken).ConfigureAwait(false);
            }
            else await channel.WriteAsync(new ReadOnlySequence<byte>(buffer.Join()), true, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _bytesSent, buffer.Length);
        }
        catch (Exception e) when (Unexpected(e) is { } wrapped)
        {
            throw wrapped;
        }
        finally
        {
            formatter.Cleanup();
            _sending.Release();
        }
    }

    /// <summary>
    /// What MQTTnet's connection loops expect of a failure, as its own adapter reports them: its own exceptions and a
    /// cancellation as they are, an aborted socket as a cancellation, anything else as a communication failure. Null: as is.
    /// </summary>
    private static Exception? Unexpected(Exception e)
    {
        if (e is OperationCanceledException or MqttCommunicationException or MqttProtocolViolationException) return null;
        var socket = e as SocketException ?? (e as IOException)?.InnerException as SocketException;
        return socket?.SocketErrorCode == SocketError.OperationAborted ? new OperationCanceledException() : new MqttCommunicationException(socket ?? e);
    }

    public void ResetStatistics()
    {
        Interlocked.Exchange(ref _bytesReceived, 0);
        Interlocked.Exchange(ref _bytesSent, 0);
    }

    public Task ConnectAsync(CancellationToken cancellationToken) => throw new NotSupportedException("A server-side connection is connected when accepted.");

    public Task DisconnectAsync(CancellationToken cancellationToken) => channel.DisconnectAsync(cancellationToken);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        channel.Dispose(); // the semaphore is left to the collector: a send finishing now still releases it
    }
}
