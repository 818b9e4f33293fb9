using MQTTnet;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fajma.Devices.Transport;

/// <summary>
/// MQTT 5 at QoS 1 to <c>fajma/sensors/{deviceId}</c>; the PUBACK reason code is the server's verdict.
/// Signs in with the device id as client id and, on plain MQTT, user name and secret as password; over TLS
/// its client certificate is its identity and the broker must chain to the bundle's CA.
/// </summary>
/// <param name="keepAlive">What the CONNECT announces (60 s unless told): the broker closes a connection silent for 1.5 times this [MQTT-3.1.2-24].</param>
public sealed class MqttDeviceTransport(string deviceId, string host, int port, byte[] secret, DeviceTlsIdentity? tls = null, TimeSpan? keepAlive = null)
    : IDeviceTransport, ICommandedTransport
{
    public static readonly TimeSpan DefaultKeepAlive = TimeSpan.FromSeconds(60);

    private readonly TimeSpan _keepAlivePeriod = ValidKeepAlive(keepAlive ?? DefaultKeepAlive);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient(MqttNetNullLogger.Instance, new AnnouncedKeepAlive(ValidKeepAlive(keepAlive ?? DefaultKeepAlive)));
    private ITimer? _keepAlive; // fires once the device has sent nothing for a keep-alive: then it pings
    private readonly string _topic = Fajma.Core.Wire.MqttTopics.Telemetry(deviceId);
    private readonly string _commands = Fajma.Core.Wire.MqttTopics.Commands(deviceId);

    /// <summary>Commands this device carries out; the server learns each outcome on <c>…/commands/ack</c>.</summary>
    public static readonly IReadOnlySet<string> SupportedCommands = new HashSet<string>(StringComparer.Ordinal) 
    {
        "activate_monitoring", "deactivate_monitoring", "request_sensor_data", "set_sampling_rate", "set_sampling_rate_low", "set_sampling_rate_normal",
        "calibrate", "reboot",
    };

    /// <summary>Where the commands land: the sampling loop reads it.</summary>
    public DeviceControl Control { get; } = new();

    /// <summary>Every command received, in order (correlation ids): what a test asks when it checks what reached the device.</summary>
    public IReadOnlyCollection<string> Received => _received;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _received = new();

    /// <summary>The clock commands' expiry is read against.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Set to false to play a device that receives commands but never answers (tests, fault drills).</summary>
    public bool AnswersCommands { get; init; } = true;

    public bool IsConnected => _client.IsConnected;

    /// <summary>
    /// The address this device connects from; null lets the system choose. A simulated fleet on one machine gives each
    /// device its own loopback address, as homes each have their own: the server limits what one address may hold.
    /// </summary>
    public System.Net.IPAddress? LocalAddress { get; init; }

    private bool _listening;

    /// <summary>Whole seconds the CONNECT can carry (1 to 65,535 [MQTT-3.1.2-20]; 0 would turn the broker's watch off).</summary>
    private static TimeSpan ValidKeepAlive(TimeSpan keepAlive) =>
        keepAlive >= TimeSpan.FromSeconds(1) && keepAlive <= TimeSpan.FromSeconds(ushort.MaxValue) ? TimeSpan.FromSeconds(Math.Floor(keepAlive.TotalSeconds))
        : throw new ArgumentOutOfRangeException(nameof(keepAlive), keepAlive, "a device's keep-alive is between 1 and 65,535 seconds");

    /// <summary>
    /// Something went out: the next ping is due a whole keep-alive from now. The timer runs on the machine's clock, as the
    /// broker's watch does, not on <see cref="Time"/> (tests move that by hours).
    /// </summary>
    private void Sent()
    {
        if (_keepAlive is null)
        {
            var timer = TimeProvider.System.CreateTimer(_ => _ = PingAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (Interlocked.CompareExchange(ref _keepAlive, timer, null) is not null) timer.Dispose(); // a command's answer got there first
        }
        _keepAlive.Change(_keepAlivePeriod, Timeout.InfiniteTimeSpan);
    }

    private async Task PingAsync()
    {
        try
        {
            if (!_client.IsConnected) return; // connecting again arms the timer again
            if (await AnsweredAsync())
            {
                Sent();
                return;
            }
            // No PINGRESP in time: the connection is as good as gone, so it is closed [MQTT-3.1.2-24], as MQTTnet's own watch
            // did. Left open, a quiet device would neither ping again nor learn it was cut off; the next publish connects again.
            await _client.DisconnectAsync(new MqttClientDisconnectOptions { Reason = MqttClientDisconnectOptionsReason.UnspecifiedError });
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is gone already: the next publish connects again.
        }
    }

    /// <summary>A PINGREQ, and whether its PINGRESP came within half a keep-alive (the broker's own grace [MQTT-3.1.2-24]).</summary>
    private async Task<bool> AnsweredAsync()
    {
        using var timeout = new CancellationTokenSource(_keepAlivePeriod / 2);
        try
        {
            await _client.PingAsync(timeout.Token);
            return true;
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException)
        {
            return false; // MQTTnet reports the wait's end as a timeout or a cancellation
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (e.ApplicationMessage.Topic != _commands) return Task.CompletedTask;
        if (AnswersCommands)
            _ = AnswerAsync(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)); // not awaited here: the client's receive loop must stay free for the PUBACK
        else _received.Enqueue(CorrelationOf(System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)));
        return Task.CompletedTask;
    }

    /// <summary>Carries a command out and answers as the ESP32 firmware does: ok, or an error saying why; a reboot reconnects after answering.</summary>
    private async Task AnswerAsync(byte[] command)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(command);
            var root = json.RootElement;
            var correlation = root.TryGetProperty("correlation_id", out var id) ? id.GetString() : null;
            _received.Enqueue(correlation ?? "");
            var (ok, detail) = Control.Apply(root, Time.GetUtcNow());
            var answer = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
            {
                ["correlation_id"] = correlation, ["status"] = ok ? "ok" : "error", ["detail"] = detail,
            });
            Sent();
            await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(_commands + "/ack").WithPayload(answer)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            if (ok && root.GetProperty("command").GetString() == "reboot") await RebootAsync();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or MqttCommunicationException or InvalidOperationException or KeyNotFoundException)
        {
            // A malformed command or a dropped connection: the server's timeout reports the device as not ready.
        }
    }

    /// <summary>As a board restarts: the connection drops and comes back (the sampling loop's retry covers a publish meanwhile).</summary>
    private async Task RebootAsync()
    {
        await _client.DisconnectAsync();
        await ConnectAsync(CancellationToken.None);
    }

    private static string CorrelationOf(byte[] command)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(command);
            return json.RootElement.TryGetProperty("correlation_id", out var id) ? id.GetString() ?? "" : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected) return;
        if (!_listening)
        {
            _client.ApplicationMessageReceivedAsync += OnMessageAsync;
            _listening = true;
        }
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(deviceId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithKeepAlivePeriod(TimeSpan.Zero) // MQTTnet's own watch would wake every 250 ms; the CONNECT says ours (AnnouncedKeepAlive)
            // Gone without a goodbye, the broker says so for us: the server then watches the silence.
            .WithWillTopic(Fajma.Core.Wire.MqttTopics.Status(deviceId)).WithWillPayload(Fajma.Core.Messages.LastWill.OfflinePayload)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (tls is null)
            builder.WithCredentials(deviceId, Fajma.Core.Wire.DeviceSecretText.Encode(secret));
        else
            builder.WithTlsOptions(o => o.UseTls()
                .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13)
                .WithClientCertificates([tls.Certificate])
                .WithCertificateValidationHandler(e => tls.TrustsServer(e.Certificate)));
        var options = builder.Build();
        if (LocalAddress is not null) ((MqttClientTcpOptions)options.ChannelOptions).LocalEndpoint = new System.Net.IPEndPoint(LocalAddress, 0);
        // MQTTnet 5 reports a refused CONNECT in the result instead of throwing.
        var result = await _client.ConnectAsync(options, cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
            throw new InvalidOperationException($"the broker refused device {deviceId}: {result.ResultCode} {result.ReasonString}");
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(_commands, MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        Sent();
    }

    public async Task<PublishResult> PublishAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var publish = new MqttApplicationMessageBuilder()
            .WithTopic(_topic)
            .WithPayload(message.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        Sent();
        var result = await _client.PublishAsync(publish, cancellationToken);
        // MQTTnet counts 0x10 as success, but a broker that answers it has dropped the message: nobody will store it.
        if (result.ReasonCode == MqttClientPublishReasonCode.NoMatchingSubscribers)
            throw new NotDeliveredException($"the broker dropped the message from {deviceId}: no matching subscribers (0x10); sending it again");
        return new PublishResult(result.IsSuccess, result.ReasonCode.ToString(), result.ReasonString) { RetryAfter = RetryAfterOf(result) };
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (MqttCommunicationException)
            {
                // Already gone; nothing to close.
            }
        }
        _keepAlive?.Dispose();
        _client.Dispose();
    }


    /// <summary>A busy server's PUBACK 0x97 (quota exceeded) says in user property <c>retry-after</c> how many seconds to wait.</summary>
    private static TimeSpan? RetryAfterOf(MqttClientPublishResult result)
    {
        if (result.ReasonCode != MqttClientPublishReasonCode.QuotaExceeded || result.UserProperties is not { } properties) return null;
        foreach (var property in properties)
        {
            if (property.Name == Fajma.Core.Wire.MqttRetryAfter.PropertyName && int.TryParse(property.ValueBuffer.Span, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                return TimeSpan.FromSeconds(Math.Min(seconds, 3600));
        }
        return null;
    }
}
