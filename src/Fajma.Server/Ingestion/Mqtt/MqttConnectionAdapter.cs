using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// MQTTnet's packets read from and written to a <see cref="GuardedMqttChannel"/>, in place of MQTTnet's own adapter. A quiet
/// device's connection spends nearly all its life waiting for the next packet, and MQTTnet's adapter waits through five
/// nested async methods, five objects per packet that outlive the collector's youngest generation and are copied up on each
/// of its collections — with thousands of devices, the longest pauses the screens see. Here the wait is one method, over
/// the channel's pooled reads; sending takes a semaphore instead of an async lock with a waiter array per connection.
/// </summary>
internal sealed class MqttConnectionAdapter(GuardedMqttChannel channel, MqttPacketFormatterAdapter formatter, bool allowPacketFragmentation)
    : IMqttChannelAdapter
{
    private readonly byte[] _header = new byte[2]; // the type byte, then each byte of the remaining length in turn
    private readonly SemaphoreSlim _sending = new(1, 1);
    private long _bytesReceived, _bytesSent;
    private volatile bool _disposed;

    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    public long BytesSent => Volatile.Read(ref _bytesSent);

    public X509Certificate2 ClientCertificate => channel.ClientCertificate!;

    public EndPoint RemoteEndPoint => channel.RemoteEndPoint;

    public EndPoint LocalEndPoint => channel.LocalEndPoint;

    public bool IsSecureConnection => channel.IsSecureConnection;

    public MqttPacketFormatterAdapter PacketFormatterAdapter => formatter;

    /// <summary>The next whole packet, or null once the connection has ended (or the wait was cancelled).</summary>
    public async Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            // The fixed header: a type byte and a remaining length of 1–4 bytes of 7 bits [MQTT-2.2.3]. The channel's meter
            // has already refused a length over the limit (or a fifth byte) before it reaches here.
            if (!await ReadExactlyAsync(_header, cancellationToken).ConfigureAwait(false)) return null!;
            var type = _header[0];
            int length = _header[1] & 0x7F, multiplier = 128, lengthBytes = 1;
            for (var digit = _header[1]; (digit & 0x80) != 0; multiplier *= 128)
            {
                if (++lengthBytes > 4) throw new MqttProtocolViolationException("Remaining length is invalid.");
                if (!await ReadExactlyAsync(_header.AsMemory(1, 1), cancellationToken).ConfigureAwait(false)) return null!;
                digit = _header[1];
                length += (digit & 0x7F) * multiplier;
            }
            var body = length == 0 ? [] : new byte[length]; // the decoded packet keeps it (a PUBLISH's payload is a slice of it)
            if (length > 0 && !await ReadExactlyAsync(body, cancellationToken, midPacket: true).ConfigureAwait(false)) return null!;
            var received = new ReceivedMqttPacket(type, new ArraySegment<byte>(body), 1 + lengthBytes + length);
            Interlocked.Add(ref _bytesReceived, received.TotalLength);
            if (formatter.ProtocolVersion == MqttProtocolVersion.Unknown) formatter.DetectProtocolVersion(received);
            return formatter.Decode(received) ?? throw new MqttProtocolViolationException("Received malformed packet.");
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            return null!;
        }
        catch (Exception e) when (Unexpected(e) is { } wrapped)
        {
            throw wrapped;
        }
    }

    /// <summary>False if the connection ended first: a header cut short is an ended connection, a body cut short a broken one.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken, bool midPacket = false)
    {
        for (var filled = 0; filled < buffer.Length;)
        {
            int read;
            try
            {
                read = await channel.ReceiveAsync(buffer[filled..], cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException) when (!midPacket)
            {
                return false; // reset between packets: the device went away
            }
            if (read == 0 || cancellationToken.IsCancellationRequested) return false;
            filled += read;
        }
        return true;
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
