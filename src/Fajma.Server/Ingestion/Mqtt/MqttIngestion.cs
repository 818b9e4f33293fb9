using Fajma.Core.Wire;
using System.Buffers;
using System.Net;
using Fajma.Core.Messages;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// The embedded MQTTnet broker. A device signs in with its id (as client id and user name) and its
/// secret (as password); it may publish only under <c>fajma/sensors/{its id}</c> and subscribe only to
/// <c>fajma/devices/{its id}/commands</c>. Device publishes on <c>fajma/sensors/{id}</c> (and <c>/status</c>) go
/// through the ingestion pipeline before their PUBACK is sent — at QoS 0 and 1 from the connection's own reader
/// (<see cref="IDevicePublishes"/>), at QoS 2 inside MQTTnet's publish interceptor, which it awaits before its PUBREC: so a
/// PUBACK means the message is committed, and a refusal carries an MQTT 5 reason code and a reason string naming the field. A graceful stop drains: publishes that arrive from then on
/// are held unanswered (the device resends them after reconnecting), those already taken finish their commit and get their
/// PUBACK, then the broker stops — within <see cref="MqttOptions.DrainTimeout"/>.
/// </summary>
public sealed partial class MqttIngestion(
    IngestionPipeline pipeline,
    Devices.DeviceDirectory devices,
    Devices.DeviceCertificateAuthority ca,
    Privacy.AuditLog audit,
    Devices.DeviceCertificateCheck certificates,
    Devices.DeviceCommandAcks commandAcks,
    Devices.Control.DeviceCommandKicks kicks,
    Alerts.NoDataWatch silence,
    RefusalLedger ledger,
    MqttFramingLog framing,
    IngestionMetrics metrics,
    TimeProvider time,
    IOptions<MqttOptions> options,
    ILogger<MqttIngestion> logger) : IHostedService, IAsyncDisposable, Devices.IDeviceCommandChannel, IBrokerIntake, IDevicePublishes
{
    private MqttServer? _server;
    private readonly InFlightMessages _inFlight = new();
    private int _draining;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled) return;
        var builder = new MqttServerOptionsBuilder();
        // Exactly the configured address: MQTTnet's default would add [::] beside an IPv4 host (every interface, on IPv6).
        var host = IPAddress.Parse(settings.Host);
        var (v4, v6) = host.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? (IPAddress.None, host) : (host, IPAddress.None);
        if (settings.Port > 0)
            builder.WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(v4).WithDefaultEndpointBoundIPV6Address(v6).WithDefaultEndpointPort(settings.Port);
        if (settings.TlsPort > 0)
        {
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(v4).WithEncryptedEndpointBoundIPV6Address(v6)
                .WithEncryptedEndpointPort(settings.TlsPort)
                .WithEncryptionCertificate(ca.IssueServer("localhost"))
                .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                // No certificate, or one not from the device CA or out of its validity: the TLS handshake itself fails.
                .WithClientCertificate((_, certificate, _, _) => AcceptsClientCertificate(certificate));
        }
        var serverOptions = builder.Build();
        // Each connection keeps its own packet writer: MQTTnet starts it at 4 KiB, for packets that here are PUBACKs and small
        // commands (it doubles for a larger one). 20,000 quiet devices held 80 MiB in them; past 4 KiB it shrinks back.
        serverOptions.WriterBufferSize = 256;
        serverOptions.WriterBufferSizeMax = 4096;
        // MQTTnet's keep-alive watch is given nothing to watch (the channel watches it, GuardedMqttChannel); each of its
        // wakes still copies the list of clients (at 20,000 devices a large-object array): every 5 s, not every half second.
        serverOptions.KeepAliveOptions.MonitorInterval = TimeSpan.FromSeconds(5);
        // Our listeners, not MQTTnet's: packet sizes and the CONNECT deadline are enforced before MQTTnet buffers anything.
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [new GuardedMqttServerAdapter(settings, framing, this, time, logger)], new MqttNetLogBridge(logger));
        _server.ValidatingConnectionAsync += OnConnectingAsync;
        _server.InterceptingSubscriptionAsync += OnSubscribingAsync;
        _server.InterceptingPublishAsync += OnPublishAsync;
        _server.ClientAcknowledgedPublishPacketAsync += OnCommandDeliveredAsync;
        _server.ClientSubscribedTopicAsync += OnSubscribedAsync;
        _server.ClientDisconnectedAsync += OnDisconnectedAsync;
        await _server.StartAsync();
        LogListening(settings.Host, settings.Port);
    }

    public bool IsReady => _server is { IsStarted: true };

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true }) return;
        Interlocked.Exchange(ref _draining, 1); // a full fence: a publish entering after this sees it (OnPublishAsync)
        using var timeout = new CancellationTokenSource(options.Value.DrainTimeout, InFlightMessages.Clock);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var started = InFlightMessages.Clock.GetTimestamp();
        var finished = await _inFlight.SettledAsync(_ => Task.CompletedTask, deadline.Token);
        // Past the deadline the rest get no PUBACK (their connections close): devices resend, and the store answers duplicates.
        if (!finished) LogDrainTimedOut(InFlightMessages.Clock.GetElapsedTime(started).TotalMilliseconds, _inFlight.Count);
        await _server.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await StopAsync(CancellationToken.None);
            _server.Dispose();
        }
    }

    private const string DeviceKey = "fajma.device";
    private const string MayBeTurnedAwayKey = "fajma.may-be-turned-away";


    /// <summary>The sender id of commands the server injects; no device session ever carries it (connections without one are refused).</summary>
    private const string ServerClientId = "$fajma-server";

    private bool AcceptsClientCertificate(System.Security.Cryptography.X509Certificates.X509Certificate? presented)
    {
        using var certificate = presented is null ? null : new System.Security.Cryptography.X509Certificates.X509Certificate2(presented);
        if (certificate is not null && ca.Issued(certificate)) return true;
        var refusal = new Privacy.AuditRecord(Privacy.AuditActions.DeviceTlsRefused, null, null, null,
            certificate?.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false), IngestSource.Mqtt,
            certificate is null ? "no client certificate" : $"certificate not issued by the device CA or outside {certificate.NotBefore:O}..{certificate.NotAfter:O}");
        // The handshake callback is synchronous; the cluster's budget is asked afterwards (it never throws: Redis away, this node's).
        _ = RecordTlsRefusalAsync(refusal);
        return false;
    }

    private async Task RecordTlsRefusalAsync(Privacy.AuditRecord refusal)
    {
        if (await ledger.TryRecordAsync("TLS handshakes without a device certificate")) audit.RecordInBackground(refusal);
    }

    /// <summary>The device id proves itself with the secret issued at provisioning; the client id must be that id (no session takeover).</summary>
    private async Task OnConnectingAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ChannelAdapter.ClientCertificate is { } certificate)
        {
            await OnCertificateConnectingAsync(e, certificate);
            return;
        }
        var device = e.UserName is { Length: > 0 and <= Core.Messages.DeviceIdentifier.MaxLength } name
            ? await devices.FindAsync(name, e.CancellationToken) : null;
        var presented = Core.Wire.DeviceSecretText.TryDecode(e.Password);
        var valid = device?.Secret is { } secret && presented is not null && e.ClientId == device.Id
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(secret, presented);
        if (valid)
        {
            SignIn(e, device!.Id);
            return;
        }
        e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        if (await ledger.TryRecordAsync(SenderOf(e))) await audit.RecordAsync(new Privacy.AuditRecord(Privacy.AuditActions.DeviceSignInRefused, null, null, null, e.UserName,
            e.RemoteEndPoint?.ToString(), $"client id '{e.ClientId}'"), e.CancellationToken);
    }

    /// <summary>Over TLS the certificate is the identity: issued by the device CA (checked in the handshake), CN = device id, still the device's current one.</summary>
    private async Task OnCertificateConnectingAsync(ValidatingConnectionEventArgs e, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var device = await certificates.IdentifyAsync(certificate, e.CancellationToken);
        if (device is not null && e.ClientId == device.Id)
        {
            SignIn(e, device.Id);
            return;
        }
        e.ReasonCode = MqttConnectReasonCode.NotAuthorized;
        if (await ledger.TryRecordAsync(SenderOf(e))) await audit.RecordAsync(new Privacy.AuditRecord(Privacy.AuditActions.DeviceSignInRefused, null, null, null, Devices.DeviceCertificateCheck.DeviceIdOf(certificate),
            e.RemoteEndPoint?.ToString(), device is null ? "unknown or revoked device, or not its current certificate" : "client id is not the certificate's device"), e.CancellationToken);
    }

    private static void SignIn(ValidatingConnectionEventArgs e, string deviceId)
    {
        e.SessionItems[DeviceKey] = deviceId;
        // Only MQTT 5 can answer a publish with "not now" (a reason code): in 3.1.1 every PUBACK is an acknowledgement.
        if (e.ProtocolVersion == MQTTnet.Formatter.MqttProtocolVersion.V500) e.SessionItems[MayBeTurnedAwayKey] = true;
    }

    /// <summary>Refused sign-ins are charged to the address they came from (the names they claim cost nothing to vary).</summary>
    private static string SenderOf(ValidatingConnectionEventArgs e) => $"address {(e.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "unknown"}";

    /// <summary>A device may listen to its own commands only: never <c>#</c>, wildcards, <c>$SYS</c> or another device.</summary>
    private async Task OnSubscribingAsync(InterceptingSubscriptionEventArgs e)
    {
        var device = e.SessionItems[DeviceKey] as string;
        if (device is not null && e.TopicFilter.Topic == MqttTopics.Commands(device)) return;
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        await audit.RecordAsync(new Privacy.AuditRecord(Privacy.AuditActions.DeviceSubscriptionRefused, null, null, null, device,
            IngestSource.Mqtt, e.TopicFilter.Topic), e.CancellationToken);
    }

    /// <summary>QoS 2 publishes, topic aliases and the server's own commands; a device's other publishes are answered by <see cref="IDevicePublishes"/>.</summary>
    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var signedIn = e.SessionItems?[DeviceKey] as string;
        // The server's own commands (injected, no device session) go out as they are; a device can never pass for it.
        if (signedIn is null && e.ClientId == ServerClientId) return;
        var message = e.ApplicationMessage;
        (await AnswerAsync(message.Topic, message.Payload, signedIn, e.SessionItems?[MayBeTurnedAwayKey] is true, e.CancellationToken)).ApplyTo(e);
    }

    Task<PublishAnswer> IDevicePublishes.AnswerAsync(string deviceId, bool mqtt5, string topic, ReadOnlySequence<byte> payload, CancellationToken cancellationToken) =>
        AnswerAsync(topic, payload, deviceId, mqtt5, cancellationToken);

    private async Task<PublishAnswer> AnswerAsync(string topic, ReadOnlySequence<byte> payload, string? signedIn, bool mayBeTurnedAway, CancellationToken cancellationToken)
    {
        // Counted before the stop is looked at: a drain either sees this publish in flight or this publish sees the drain.
        _inFlight.Enter();
        if (Volatile.Read(ref _draining) == 1)
        {
            _inFlight.Abandon();
            // Stopping: not taken, never answered; the wait ends (throwing, so no PUBACK) when the broker closes the connection.
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        }
        try
        {
            return await TakeAsync(topic, payload, signedIn, mayBeTurnedAway, cancellationToken);
        }
        finally
        {
            _inFlight.Exit();
        }
    }

    private async Task<PublishAnswer> TakeAsync(string topic, ReadOnlySequence<byte> payload, string? signedIn, bool mayBeTurnedAway, CancellationToken cancellationToken)
    {
        if (!MqttTopics.TryParseSensorTopic(topic, out var deviceId, out var kind))
        {
            // Devices publish telemetry and command acks under their own id, nothing else.
            if (signedIn is not null && topic == MqttTopics.CommandAcks(signedIn))
            {
                commandAcks.Report(DeviceCommandAnswer.Parse(signedIn, payload)); // answers are for the server, not relayed
                return PublishAnswer.Accepted;
            }
            return PublishAnswer.Refused(MqttPubAckReasonCode.NotAuthorized, $"'{topic}' is not a topic this device may publish to");
        }
        // Consumed here; nothing downstream subscribes to raw telemetry.
        var source = new IngestSource(IngestSource.Mqtt, topic, signedIn) { MayBeTurnedAway = mayBeTurnedAway };
        if (deviceId != signedIn)
        {
            await pipeline.RejectAsync(new MessageRejection(RejectionReason.UnknownDevice,
                [new FieldError("topic", $"device '{signedIn}' may publish only under fajma/sensors/{signedIn}")]), default, source, cancellationToken);
            return PublishAnswer.Refused(MqttPubAckReasonCode.NotAuthorized, $"topic: device '{signedIn}' may publish only under fajma/sensors/{signedIn}");
        }
        if (kind == "status" && LastWill.IsOffline(payload))
        {
            silence.ConnectionLost(deviceId); // the broker publishing the device's last will: it is gone
            return PublishAnswer.Accepted;
        }
        source = source with { AlertChannel = kind == "alerts" };
        var outcome = kind is not ("" or "status" or "alerts")
            ? await pipeline.RejectAsync(MessageRejection.Malformed("topic", $"'{topic}' is not an ingestion topic; publish to fajma/sensors/{{id}}, /status or /alerts"), default, source, cancellationToken)
            : payload.Length > DeviceMessageParser.MaxMessageBytes
            ? await pipeline.RejectAsync(MessageRejection.TooLarge((int)Math.Min(payload.Length, int.MaxValue), DeviceMessageParser.MaxMessageBytes), default, source, cancellationToken)
            : await pipeline.IngestAsync(payload.IsSingleSegment ? payload.First : payload.ToArray(), source, cancellationToken);

        if (outcome.Rejection is { } rejection)
        {
            return PublishAnswer.Refused(rejection.Reason switch
            {
                RejectionReason.UnknownDevice or RejectionReason.Unauthenticated => MqttPubAckReasonCode.NotAuthorized,
                RejectionReason.Invalid => MqttPubAckReasonCode.ImplementationSpecificError,
                RejectionReason.Malformed when kind is not ("" or "status" or "alerts") => MqttPubAckReasonCode.TopicNameInvalid,
                _ => MqttPubAckReasonCode.PayloadFormatInvalid,
            }, rejection.Summary);
        }
        // Stored or a redelivery of something stored: both are acknowledged as success.
        return outcome.RetryAfter is { } retryAfter ? PublishAnswer.Busy(retryAfter) : PublishAnswer.Accepted;
    }

    /// <summary>ACTIVATE_MONITORING and friends, at QoS 1 to the device's own command topic; false when it is not connected.</summary>
    public async Task<bool> PublishCommandAsync(string deviceId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (_server is null || !await IsConnectedAsync(deviceId)) return false;
        var message = new MQTTnet.MqttApplicationMessageBuilder().WithTopic(MqttTopics.Commands(deviceId)).WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        await _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = ServerClientId }, cancellationToken);
        return true;
    }

    public async ValueTask<bool> MayReachAsync(string deviceId) => await IsConnectedAsync(deviceId);

    public async Task<bool> IsConnectedAsync(string deviceId) =>
        _server is { IsStarted: true } && (await _server.GetClientsAsync()).Any(c => c.Id == deviceId);

    /// <summary>The device's PUBACK for a command: the command is delivered (not yet carried out).</summary>
    private Task OnCommandDeliveredAsync(ClientAcknowledgedPublishPacketEventArgs e)
    {
        if (e.PublishPacket.Topic == MqttTopics.Commands(e.ClientId) && DeviceCommandAnswer.CorrelationOf(e.PublishPacket.Payload) is { } correlation)
            commandAcks.Report(new Devices.DeviceCommandAck(e.ClientId, correlation, Devices.DeviceCommandAckKind.Delivered, null));
        return Task.CompletedTask;
    }

    /// <summary>A device (re)connected and listens for commands: what was kept for it while it was away goes out now.</summary>
    private Task OnSubscribedAsync(ClientSubscribedTopicEventArgs e)
    {
        if (e.TopicFilter.Topic == MqttTopics.Commands(e.ClientId)) kicks.Kick(e.ClientId);
        return Task.CompletedTask;
    }

    /// <summary>A device gone without a clean DISCONNECT (keep-alive expired, socket dropped): silence is watched from now.</summary>
    private Task OnDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.SessionItems?[DeviceKey] is not string deviceId) return Task.CompletedTask; // never signed in: counted where refused
        metrics.MqttSessionEnded(e.DisconnectType.ToString(), e.ReasonCode?.ToString());
        if (e.DisconnectType != MqttClientDisconnectType.Clean) silence.ConnectionLost(deviceId);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drain deadline passed after {ElapsedMs:0} ms: {Unfinished} publishes stop without a PUBACK, for their devices to resend")]
    private partial void LogDrainTimedOut(double elapsedMs, int unfinished);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker listening on {Host}:{Port}")]
    private partial void LogListening(string host, int port);
}
