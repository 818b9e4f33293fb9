using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;
using MQTTnet.Implementations;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// One accepted socket under the broker's framing rules, as the channel MQTTnet reads from. From the moment
/// it is accepted it has <see cref="MqttOptions.ConnectDeadline"/> to finish its TLS handshake and its whole
/// CONNECT; every packet's declared size is checked on its header bytes (<see cref="MqttPacketMeter"/>).
/// Breaking a rule closes the socket at once and ends MQTTnet's read as the peer's close would.
/// </summary>
internal sealed class GuardedMqttChannel : IMqttChannel
{
    private const int AwaitingConnect = 0, SignedIn = 1, Closed = 2;

    private readonly Socket _socket;
    private readonly MqttPacketMeter _meter;
    private readonly MqttFramingLog _log;
    private readonly ITimer _deadline;
    private MqttTcpChannel? _inner;
    private int _state;

    public GuardedMqttChannel(Socket socket, bool tls, MqttOptions limits, MqttFramingLog log, TimeProvider time)
    {
        _socket = socket;
        IsSecureConnection = tls;
        LocalEndPoint = socket.LocalEndPoint!;
        RemoteEndPoint = socket.RemoteEndPoint!;
        _meter = new MqttPacketMeter(limits.MaxConnectPacketBytes, limits.MaxPacketBytes);
        _log = log;
        _deadline = time.CreateTimer(_ => Expire(), null, limits.ConnectDeadline, Timeout.InfiniteTimeSpan);
    }

    public X509Certificate2? ClientCertificate { get; private set; }

    public EndPoint RemoteEndPoint { get; }

    public EndPoint LocalEndPoint { get; }

    public bool IsSecureConnection { get; }

    public bool IsClosed => Volatile.Read(ref _state) == Closed;

    /// <summary>The stream MQTTnet's packets travel on (after the TLS handshake, if any) and the certificate it proved.</summary>
    public void Attach(Stream stream, X509Certificate2? clientCertificate)
    {
        ClientCertificate = clientCertificate;
        _inner = new MqttTcpChannel(stream, LocalEndPoint, RemoteEndPoint, clientCertificate);
    }

    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (_inner is null || IsClosed) return 0;
        var read = await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        if (read <= 0) return read;
        var connectWhole = _meter.PacketsReceived > 0;
        var verdict = _meter.Advance(buffer.AsSpan(offset, read));
        if (verdict != MqttFrameVerdict.Ok)
        {
            Refuse(verdict == MqttFrameVerdict.Malformed ? MqttFramingRefusal.Malformed
                : connectWhole ? MqttFramingRefusal.PacketTooLarge : MqttFramingRefusal.ConnectTooLarge);
            return 0; // MQTTnet sees the end of the stream: no packet, no buffer
        }
        if (!connectWhole && _meter.PacketsReceived > 0 && Interlocked.CompareExchange(ref _state, SignedIn, AwaitingConnect) == AwaitingConnect)
            _deadline.Dispose(); // the CONNECT is in; from here MQTTnet's keep-alive watches the connection
        return read;
    }

    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        _inner is null ? throw new InvalidOperationException("No stream attached.") : _inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    public Task ConnectAsync(CancellationToken cancellationToken) => throw new NotSupportedException("A server-side channel is connected when accepted.");

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Volatile.Write(ref _state, Closed);
        _deadline.Dispose();
        _inner?.Dispose();
        _socket.Dispose();
    }

    private void Expire()
    {
        if (Interlocked.CompareExchange(ref _state, Closed, AwaitingConnect) == AwaitingConnect) Abort(MqttFramingRefusal.ConnectDeadline);
    }

    private void Refuse(MqttFramingRefusal reason)
    {
        if (Interlocked.Exchange(ref _state, Closed) != Closed) Abort(reason);
    }

    /// <summary>Closes the socket under whatever is reading it (MQTTnet, or the TLS handshake): the peer sees the close now.</summary>
    private void Abort(MqttFramingRefusal reason)
    {
        _deadline.Dispose();
        _log.Closed(reason, IsSecureConnection, RemoteEndPoint, _meter.DeclaredBytes, _meter.Limit);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone: nothing left to close.
        }
        _socket.Dispose();
    }
}
