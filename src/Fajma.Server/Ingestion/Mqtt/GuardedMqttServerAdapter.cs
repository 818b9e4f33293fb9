using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Server;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// The broker's TCP listeners (plain and TLS) in place of MQTTnet's own, which has no packet size limit (it
/// allocates whatever length a header declares, before any sign-in), no TLS handshake timeout, a 100 s wait
/// for CONNECT and no bound on connections waiting for one (<see cref="MqttPendingConnections"/>, checked at
/// accept). Each admitted socket becomes a <see cref="GuardedMqttChannel"/>; the endpoints, TLS
/// settings (client certificate callback included) and buffer sizes are MQTTnet's options, honoured as its
/// listener does; the accept queue is <see cref="MqttOptions.ConnectionBacklog"/>.
/// </summary>
internal sealed partial class GuardedMqttServerAdapter : IMqttServerAdapter
{
    private readonly MqttOptions _limits;
    private readonly MqttPendingConnections _pending;
    private readonly MqttFramingLog _log;
    private readonly IDevicePublishes _publishes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<Socket> _listeners = [];
    private CancellationTokenSource? _stopping;
    private MqttServerOptions _options = null!;
    private X509Certificate2? _serverCertificate;

    public GuardedMqttServerAdapter(MqttOptions limits, MqttFramingLog log, IDevicePublishes publishes, TimeProvider time, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxConnectPacketBytes, 128);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.MaxPacketBytes, limits.MaxConnectPacketBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limits.ConnectDeadline, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.ConnectionBacklog, 1);
        (_limits, _log, _publishes, _time, _logger) = (limits, log, publishes, time, logger);
        _pending = new MqttPendingConnections(limits.MaxPendingConnectionsPerAddress, limits.MaxPendingConnections);
    }

    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        if (_stopping is not null) throw new InvalidOperationException("Already started.");
        (_options, _stopping) = (options, new CancellationTokenSource()); // MQTTnet's logger: the connections' packets are not logged one by one
        if (options.DefaultEndpointOptions.IsEnabled) Listen(options.DefaultEndpointOptions, tls: false);
        if (options.TlsEndpointOptions is { IsEnabled: true } tls)
        {
            _serverCertificate = tls.CertificateProvider?.GetCertificate() ?? throw new ArgumentException("The TLS endpoint has no certificate.", nameof(options));
            if (!_serverCertificate.HasPrivateKey) throw new ArgumentException("The TLS certificate has no private key.", nameof(options));
            Listen(tls, tls: true);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Stop();
        _stopping?.Dispose();
    }

    /// <summary>Closes the listeners; handshakes still running end with the token, CONNECTs awaited by MQTTnet with its own.</summary>
    private void Stop()
    {
        _stopping?.Cancel();
        foreach (var listener in _listeners) listener.Dispose();
        _listeners.Clear();
    }

    private void Listen(MqttServerTcpEndpointBaseOptions endpoint, bool tls)
    {
        // As MQTTnet: one socket per address family, IPAddress.None turning one off.
        foreach (var address in (IPAddress[])[endpoint.BoundInterNetworkAddress, endpoint.BoundInterNetworkV6Address])
        {
            if (address.Equals(IPAddress.None)) continue;
            var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = endpoint.NoDelay };
            if (endpoint.LingerState is { } linger) listener.LingerState = linger;
            listener.Bind(new IPEndPoint(address, endpoint.Port));
            listener.Listen(_limits.ConnectionBacklog); // not MQTTnet's 100: a fleet reconnecting at once (see the option)
            _listeners.Add(listener);
            endpoint.Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            _ = Task.Run(() => AcceptAsync(listener, endpoint, tls, _stopping!.Token));
        }
    }

    private async Task AcceptAsync(Socket listener, MqttServerTcpEndpointBaseOptions endpoint, bool tls, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (stopping.IsCancellationRequested || e is ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                continue; // the peer gave up while queued
            }
            catch (SocketException e)
            {
                LogAcceptFailed(e, listener.LocalEndPoint);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // out of descriptors, say: do not spin
                continue;
            }
            if (Admit(socket, tls) is { } pending) _ = Task.Run(() => ServeAsync(socket, pending, endpoint, tls, stopping), CancellationToken.None);
        }
    }

    /// <summary>A place among the connections waiting to sign in, or the socket closed now: before TLS, before reading a byte.</summary>
    private MqttPendingConnections.Lease? Admit(Socket socket, bool tls)
    {
        EndPoint? remote = null;
        try
        {
            remote = socket.RemoteEndPoint;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Reset while queued: closed below like any other.
        }
        if (remote is IPEndPoint { Address: var address })
        {
            if (_pending.TryAdmit(address, out var refusal, out var limit) is { } lease) return lease;
            _log.Closed(refusal, tls, remote, 0, limit);
        }
        socket.Dispose();
        return null;
    }

    private async Task ServeAsync(Socket socket, MqttPendingConnections.Lease pending, MqttServerTcpEndpointBaseOptions endpoint, bool tls, CancellationToken stopping)
    {
        using var place = pending; // given back here whatever happens; the channel gives it back sooner, at sign-in or as it closes
        using var channel = new GuardedMqttChannel(socket, pending, tls, _limits, _log, _time); // the CONNECT deadline runs from here
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            socket.NoDelay = endpoint.NoDelay;
            X509Certificate2? clientCertificate = null;
            if (tls)
            {
                var options = (MqttServerTlsTcpEndpointOptions)endpoint;
                var ssl = new SslStream(stream, false, options.RemoteCertificateValidationCallback);
                stream = ssl;
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _serverCertificate,
                    ClientCertificateRequired = options.ClientCertificateRequired,
                    EnabledSslProtocols = options.SslProtocol,
                    CertificateRevocationCheckMode = options.CheckCertificateRevocation ? X509RevocationMode.Online : X509RevocationMode.NoCheck,
                    EncryptionPolicy = EncryptionPolicy.RequireEncryption,
                    CipherSuitesPolicy = options.CipherSuitesPolicy,
                }, stopping).ConfigureAwait(false);
                clientCertificate = ssl.RemoteCertificate switch
                {
                    null => null,
                    X509Certificate2 certificate => certificate,
                    var other => X509CertificateLoader.LoadCertificate(other.Export(X509ContentType.Cert)),
                };
            }
            channel.Attach(stream, clientCertificate);
            if (channel.IsClosed || ClientHandler is not { } handler) return;
            using var adapter = new MqttConnectionAdapter(channel,
                new MqttPacketFormatterAdapter(new MqttBufferWriter(_options.WriterBufferSize, _options.WriterBufferSizeMax)), endpoint.AllowPacketFragmentation, _publishes);
            await handler(new ConnAckInterceptor(adapter, channel, (uint)_limits.MaxPacketBytes)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or AuthenticationException or OperationCanceledException)
        {
            // A refused certificate (audited by the callback), a closed connection, the deadline or the server stopping.
        }
        catch (Exception e)
        {
            LogConnectionFailed(e, channel.RemoteEndPoint);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT listener on {Endpoint} failed to accept a connection")]
    private partial void LogAcceptFailed(Exception exception, EndPoint? endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT connection from {Remote} failed")]
    private partial void LogConnectionFailed(Exception exception, EndPoint remote);
}
