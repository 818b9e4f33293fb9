using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Formatter;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// One accepted socket under the broker's framing rules, as <see cref="MqttConnectionAdapter"/> reads and writes it. From the moment
/// it is accepted it has <see cref="MqttOptions.ConnectDeadline"/> to finish its TLS handshake and its whole
/// CONNECT; every packet's declared size is checked on its header bytes (<see cref="MqttPacketMeter"/>).
/// Breaking a rule closes the socket at once and ends MQTTnet's read as the peer's close would; a signed-in MQTT 5
/// client is first told why a packet too large was refused (DISCONNECT, reason 0x95). Until its CONNECT is accepted
/// the connection holds a place among the pending ones (<see cref="MqttPendingConnections"/>). After it, the channel
/// watches the CONNECT's keep-alive: nothing received for one and a half times it closes the connection (an MQTT 5 client
/// told so first, DISCONNECT 0x8D).
/// </summary>
internal sealed class GuardedMqttChannel : IDisposable
{
    private const int AwaitingConnect = 0, ConnectReceived = 1, Closed = 2;

    // DISCONNECT, remaining length 2, reason 0x95 Packet too large or 0x8D Keep Alive timeout, no properties [MQTT-3.14].
    private static readonly byte[] s_packetTooLarge = [0xE0, 0x02, 0x95, 0x00];
    private static readonly byte[] s_keepAliveTimeout = [0xE0, 0x02, 0x8D, 0x00];

    // Long enough for 4 bytes on any live link; a device that reads nothing does not hold its connection open for it.
    private static readonly TimeSpan s_disconnectWait = TimeSpan.FromSeconds(1);

    private readonly Socket _socket;
    private readonly MqttPendingConnections.Lease _pending;
    private readonly MqttPacketMeter _meter;
    private readonly MqttFramingLog _log;
    private readonly TimeProvider _time;
    private readonly ITimer _deadline;
    // A link's liveness is measured on the machine's clock, as Kestrel's and MQTTnet's timeouts are, not on the clinic's
    // (TimeProvider: what readings are dated by, which tests move on by hours).
    private static readonly TimeProvider s_linkClock = TimeProvider.System;
    private ITimer? _keepAlive;
    private TimeSpan _keepAliveLimit;
    private long _lastReceived; // when bytes last came in (s_linkClock's timestamp)
    private readonly SemaphoreSlim _writes = new(1, 1);
    private Stream? _stream;
    private int _state;
    private bool _midPacket; // only MQTTnet's writes, one at a time, touch it
    private volatile bool _torn; // a write failed part-way: nothing more of ours goes on that stream
    private volatile bool _signedIn, _signedInMqtt5;

    public GuardedMqttChannel(Socket socket, MqttPendingConnections.Lease pending, bool tls, MqttOptions limits, MqttFramingLog log, TimeProvider time)
    {
        (_socket, _pending, _time) = (socket, pending, time);
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
    public void Attach(Stream stream, X509Certificate2? clientCertificate) => (_stream, ClientCertificate) = (stream, clientCertificate);

    /// <summary>MQTTnet has accepted the CONNECT: the connection is no longer pending.</summary>
    public void ConnectAccepted() => _pending.Dispose();

    /// <summary>The successful CONNACK is out; the client speaks <paramref name="protocol"/>.</summary>
    public void ConnAckSent(MqttProtocolVersion protocol) => (_signedInMqtt5, _signedIn) = (protocol == MqttProtocolVersion.V500, true);

    /// <summary>The broker has accepted the CONNECT (its CONNACK is out): the client is the device it signed in as.</summary>
    public bool SignedIn => _signedIn;

    /// <summary>
    /// The CONNECT asked for a keep-alive (zero: none): from now the connection closes once nothing has been received for one
    /// and a half times it [MQTT-3.1.2-24]. Bytes of a packet still arriving count (a slow link's large packet is not cut off).
    /// </summary>
    public void WatchKeepAlive(TimeSpan keepAlive)
    {
        if (keepAlive <= TimeSpan.Zero) return;
        _keepAliveLimit = keepAlive * 1.5;
        _keepAlive = s_linkClock.CreateTimer(_ => KeepAliveDue(), null, _keepAliveLimit, Timeout.InfiniteTimeSpan);
        if (IsClosed) _keepAlive.Dispose(); // closed meanwhile: Dispose may have run before the timer was there to stop
    }

    /// <summary>The stream the packets travel on, once attached; reads go through <see cref="Screen"/>.</summary>
    public Stream? Stream => IsClosed ? null : _stream;

    /// <summary>
    /// Shown each run of bytes as it is received, in order: each packet's declared size is checked as its header goes by.
    /// False if they break the rules (or the connection closed meanwhile): nothing more is read, and a refusal, if any, is
    /// for <see cref="RefuseAsync"/> to carry out.
    /// </summary>
    public bool Screen(ReadOnlySpan<byte> received, out MqttFramingRefusal? refusal)
    {
        refusal = null;
        Volatile.Write(ref _lastReceived, s_linkClock.GetTimestamp()); // the keep-alive timer looks at it when it fires, not every packet
        var connectWhole = _meter.PacketsReceived > 0;
        var verdict = _meter.Advance(received);
        if (verdict != MqttFrameVerdict.Ok)
        {
            if (Interlocked.Exchange(ref _state, Closed) == Closed) return false; // closed meanwhile: nothing more to say
            refusal = verdict == MqttFrameVerdict.Malformed ? MqttFramingRefusal.Malformed
                : connectWhole ? MqttFramingRefusal.PacketTooLarge : MqttFramingRefusal.ConnectTooLarge;
            return false;
        }
        if (!connectWhole && _meter.PacketsReceived > 0 && Interlocked.CompareExchange(ref _state, ConnectReceived, AwaitingConnect) == AwaitingConnect)
            _deadline.Dispose(); // the CONNECT is in; its keep-alive is watched next
        return true;
    }

    /// <summary>Ends a connection <see cref="Screen"/> refused: its reader then sees the end of the stream, no packet, no buffer.</summary>
    public async Task RefuseAsync(MqttFramingRefusal reason)
    {
        // MQTT 5 has the server say why before it closes [MQTT-3.14.2.2]; 3.1.1 and a client not yet signed in have no such packet.
        if (reason == MqttFramingRefusal.PacketTooLarge && _signedInMqtt5) await TellAsync(s_packetTooLarge).ConfigureAwait(false);
        Abort(reason);
    }

    /// <summary>
    /// MQTTnet writes one packet at a time, a PUBLISH sometimes in two parts: the gate is held from a packet's first
    /// part to its last, so the DISCONNECT this channel writes itself never lands inside one.
    /// </summary>
    public async Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new InvalidOperationException("No stream attached.");
        if (!_midPacket) await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Nothing after the DISCONNECT this channel may have just written: it is the last packet [MQTT-3.14.4-1].
            if (IsClosed) throw new MQTTnet.Exceptions.MqttCommunicationException("The connection is closed.");
            await WriteToAsync(stream, buffer, cancellationToken).ConfigureAwait(false);
            _midPacket = !isEndOfPacket;
        }
        catch
        {
            (_torn, _midPacket) = (true, false);
            throw;
        }
        finally
        {
            if (!_midPacket) _writes.Release();
        }
    }

    /// <summary>Failures as the stream reports them: <see cref="MqttConnectionAdapter"/> turns them into what MQTTnet expects.</summary>
    private static async ValueTask WriteToAsync(Stream stream, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        foreach (var segment in buffer) await stream.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
    }

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Volatile.Write(ref _state, Closed);
        _pending.Dispose();
        _deadline.Dispose();
        _keepAlive?.Dispose();
        _stream?.Dispose();
        _socket.Dispose();
    }

    private void Expire()
    {
        if (Interlocked.CompareExchange(ref _state, Closed, AwaitingConnect) == AwaitingConnect) Abort(MqttFramingRefusal.ConnectDeadline);
    }

    /// <summary>A limit after the timer was last set: bytes may have come since (it is not moved for each), then it waits out the rest.</summary>
    private void KeepAliveDue()
    {
        var quiet = s_linkClock.GetElapsedTime(Volatile.Read(ref _lastReceived));
        if (quiet < _keepAliveLimit) _keepAlive?.Change(_keepAliveLimit - quiet, Timeout.InfiniteTimeSpan);
        else if (Interlocked.CompareExchange(ref _state, Closed, ConnectReceived) == ConnectReceived) _ = ExpireKeepAliveAsync();
    }

    private async Task ExpireKeepAliveAsync()
    {
        if (_signedInMqtt5) await TellAsync(s_keepAliveTimeout).ConfigureAwait(false); // [MQTT-3.14.2.2], reason 0x8D
        Abort(MqttFramingRefusal.KeepAliveExpired);
    }

    /// <summary>Best effort, bounded by <see cref="s_disconnectWait"/>: the connection closes next whatever happens here.</summary>
    private async Task TellAsync(byte[] disconnect)
    {
        using var wait = new CancellationTokenSource(s_disconnectWait, _time);
        try
        {
            await _writes.WaitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // MQTTnet is still writing a packet the client does not read
        }
        try
        {
            if (!_torn) await WriteToAsync(_stream!, new ReadOnlySequence<byte>(disconnect), wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Gone or not reading: closing is all that is left.
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Closes the socket under whatever is reading it (MQTTnet, or the TLS handshake): the peer sees the close now.</summary>
    private void Abort(MqttFramingRefusal reason)
    {
        _pending.Dispose(); // before the peer sees the close: its place is free by the time it could try again
        _deadline.Dispose();
        _keepAlive?.Dispose();
        var limit = reason == MqttFramingRefusal.KeepAliveExpired ? (int)_keepAliveLimit.TotalSeconds : _meter.Limit;
        _log.Closed(reason, IsSecureConnection, RemoteEndPoint, _meter.DeclaredBytes, limit);
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
