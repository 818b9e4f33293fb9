using Fajma.Core.Wire;
using System.Collections.Concurrent;
using Fajma.Core.Messages;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Polly;
using Polly.Retry;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// Scale-out intake (<c>Mqtt:Broker=External</c>): this node is an MQTT 5 client of an external broker, with a persistent
/// session and shared subscriptions (<c>$share/fajma/…</c>), so the broker gives each device message to one node. A
/// message is acknowledged to the broker only after the pipeline returned: committed, a duplicate, or refused and
/// dead-lettered. A fault (store down) leaves it unacknowledged and the connection is recycled, so the broker — which
/// resends unacknowledged messages only on a new connection of the session — delivers it again. Devices get their
/// PUBACK from the broker, never a refusal's reason code (docs/scale-out.md). A graceful stop drains (ExternalMqttIngestion.Drain.cs).
/// </summary>
public sealed partial class ExternalMqttIngestion : BackgroundService, Devices.IDeviceCommandChannel, IBrokerIntake
{
    private readonly IngestionPipeline _pipeline;
    private readonly Devices.DeviceCommandAcks _commandAcks;
    private readonly Devices.Control.DeviceCommandKicks _kicks;
    private readonly Alerts.NoDataWatch _silence;
    private readonly TimeProvider _time;
    private readonly MqttOptions _settings;
    private readonly ILogger<ExternalMqttIngestion> _logger;
    private readonly IMqttClient _client;
    private readonly ResiliencePipeline _connect;
    private readonly CancellationTokenSource _stopping = new();
    // Cancelled only when a drain runs out of time: what the pipeline has not finished by then stays with the broker.
    private readonly CancellationTokenSource _abandon = new();
    private readonly InFlightMessages _inFlight = new();
    private readonly ReceivedPublishes _received = new();
    // Devices whose last will was the latest word: commands to them are not sent (the broker cannot say who is connected).
    private readonly ConcurrentDictionary<string, byte> _offline = new(StringComparer.Ordinal);
    private TaskCompletionSource _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _generation;
    private int _faults;
    private bool _subscribed;
    private long _acknowledged;
    private int _disposed;
    private long _recycled;

    public ExternalMqttIngestion(IngestionPipeline pipeline, Devices.DeviceCommandAcks commandAcks, Devices.Control.DeviceCommandKicks kicks,
        Alerts.NoDataWatch silence, TimeProvider time, IOptions<MqttOptions> options, ILogger<ExternalMqttIngestion> logger)
    {
        (_pipeline, _commandAcks, _kicks, _silence, _time, _settings, _logger) = (pipeline, commandAcks, kicks, silence, time, options.Value, logger);
        NodeId = _settings.NodeId ?? throw new InvalidOperationException("Mqtt:NodeId is resolved at registration.");
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        // Attached before the first connection (MQTTnet checks for a handler per packet): what a drain waits for.
        _client.InspectPacketAsync += _received.OnPacketAsync;
        _client.DisconnectedAsync += e =>
        {
            _received.ConnectionLost();
            if (e.ClientWasConnected)
            {
                Volatile.Write(ref _subscribed, false);
                if (!_stopping.IsCancellationRequested) LogDisconnected(e.Reason, e.Exception?.Message);
                _lost.TrySetResult();
            }
            return Task.CompletedTask;
        };
        // Broker away: reconnect with exponential backoff and jitter, for as long as it takes.
        _connect = new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = ReconnectCap,
            UseJitter = true,
            OnRetry = a =>
            {
                LogConnectFailed(_settings.Url, a.AttemptNumber + 1, a.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    /// <summary>The longest wait between two attempts to reach an absent broker.</summary>
    public static readonly TimeSpan ReconnectCap = TimeSpan.FromSeconds(15);

    /// <summary>This node's client id: its session at the broker.</summary>
    public string NodeId { get; }

    /// <summary>Connected and subscribed: the broker delivers to this node (what <c>/health/ready</c> will ask).</summary>
    public bool IsReady => _client.IsConnected && Volatile.Read(ref _subscribed);

    /// <summary>Connections dropped on purpose after a fault, so the broker resends what this node could not take.</summary>
    public long Recycled => Interlocked.Read(ref _recycled);

    /// <summary>Messages this node took and acknowledged to the broker since it started (its share of the group).</summary>
    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public static IReadOnlyList<(string Filter, MqttQualityOfServiceLevel Qos)> Subscriptions { get; } =
    [
        ($"$share/{MqttOptions.SharedGroup}/{MqttTopics.SensorsPrefix}+", MqttQualityOfServiceLevel.AtLeastOnce),
        ($"$share/{MqttOptions.SharedGroup}/{MqttTopics.SensorsPrefix}+/alerts", MqttQualityOfServiceLevel.ExactlyOnce),
        // Last wills arrive here too; QoS 0 as devices publish status.
        ($"$share/{MqttOptions.SharedGroup}/{MqttTopics.SensorsPrefix}+/status", MqttQualityOfServiceLevel.AtMostOnce),
        ($"$share/{MqttOptions.SharedGroup}/fajma/devices/+/commands/ack", MqttQualityOfServiceLevel.AtLeastOnce),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stop = stoppingToken.Register(_stopping.Cancel);
        // A drain cancels _stopping before the host cancels stoppingToken: no reconnecting once it has begun.
        var stopping = _stopping.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await _connect.ExecuteAsync(ConnectAsync, stopping);
                await _lost.Task.WaitAsync(stopping);
                // After a fault, give the store time before the redelivered messages come back: 0.5 s doubling to 30 s.
                if (Volatile.Read(ref _faults) is var faults and > 0)
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(faults, 8)))), _time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the drain disconnects.
        }
    }

    private async ValueTask ConnectAsync(CancellationToken cancellationToken)
    {
        var uri = _settings.ExternalUri();
        var options = ExternalBrokerTls.Apply(new MqttClientOptionsBuilder().WithConnectionUri(uri), _settings, uri).WithClientId(NodeId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false) // the session (subscriptions, queued and unacknowledged messages) outlives a connection
            .WithSessionExpiryInterval((uint)_settings.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)Math.Clamp(_settings.ReceiveMaximum, 1, ushort.MaxValue))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        // A retry after a failed SUBSCRIBE finds the client still connected: start that connection over.
        if (_client.IsConnected) await _client.DisconnectAsync(cancellationToken: CancellationToken.None);
        _lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _generation);
        var connected = await _client.ConnectAsync(options, cancellationToken);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
            throw new MqttCommunicationException($"the broker refused the connection: {connected.ResultCode} {connected.ReasonString}");
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var (filter, qos) in Subscriptions) subscribe.WithTopicFilter(filter, qos);
        var subscribed = await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
        if (subscribed.Items.FirstOrDefault(i => (int)i.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2) is { } refused)
        {
            await _client.DisconnectAsync(cancellationToken: CancellationToken.None);
            throw new MqttCommunicationException($"the broker refused the subscription {refused.TopicFilter.Topic}: {refused.ResultCode}");
        }
        Volatile.Write(ref _subscribed, true);
        LogConnected(uri.Host, uri.Port, NodeId, connected.IsSessionPresent);
    }

    public override void Dispose()
    {
        // Registered as itself and as a hosted service: the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _stopping.Cancel();
        _abandon.Cancel();
        _client.Dispose();
        _stopping.Dispose();
        _abandon.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// MQTTnet hands messages over one at a time and acknowledges when the handler returns unless told not to: the
    /// message is taken off its loop so up to <see cref="MqttOptions.ReceiveMaximum"/> share one group commit.
    /// </summary>
    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        try
        {
            e.AutoAcknowledge = false;
            // Draining without leaving the group: take nothing new; unacknowledged, it waits in this node's session.
            if (Volatile.Read(ref _draining) == 1 && !_settings.LeaveGroupOnStop) return Declined();
            var message = e.ApplicationMessage;
            var payload = System.Buffers.BuffersExtensions.ToArray(message.Payload); // the receive buffer is MQTTnet's once this returns
            var generation = Volatile.Read(ref _generation);
            _inFlight.Enter();
            _ = Task.Run(() => HandleAsync(e, message.Topic, payload, generation));
            return Task.CompletedTask;
        }
        finally
        {
            _received.Handed(); // after Enter: a drain that sees it handed sees it in flight
        }
    }

    private async Task HandleAsync(MqttApplicationMessageReceivedEventArgs e, string topic, byte[] payload, int generation)
    {
        try
        {
            await AnswerAsync(e, topic, payload, generation);
        }
        finally
        {
            _inFlight.Exit();
        }
    }

    private async Task AnswerAsync(MqttApplicationMessageReceivedEventArgs e, string topic, byte[] payload, int generation)
    {
        try
        {
            await ProcessAsync(topic, payload, _abandon.Token);
            Volatile.Write(ref _faults, 0);
        }
        catch (Exception fault)
        {
            if (!_stopping.IsCancellationRequested)
            {
                LogFault(fault, topic);
                Recycle(generation);
            }
            return; // unacknowledged: the broker still holds it
        }
        // A message from an earlier connection is resent on this one under its packet id; acknowledging the old one here could
        // acknowledge another message that reuses the id. The resent copy is answered as a duplicate and acknowledged then.
        if (generation != Volatile.Read(ref _generation)) return;
        try
        {
            await e.AcknowledgeAsync(CancellationToken.None);
            Interlocked.Increment(ref _acknowledged);
        }
        catch (Exception failed) when (failed is MqttCommunicationException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The connection went meanwhile: the broker resends it, and the store answers it as a duplicate.
        }
    }

    /// <summary>Committed, a duplicate or refused (dead-lettered): each returns normally and is acknowledged. Throws on a fault.</summary>
    private async Task ProcessAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        if (MqttTopics.TryParseCommandAckTopic(topic, out var answering))
        {
            _offline.TryRemove(answering, out _);
            _commandAcks.Report(DeviceCommandAnswer.Parse(answering, new System.Buffers.ReadOnlySequence<byte>(payload)));
            return;
        }
        if (!MqttTopics.TryParseSensorTopic(topic, out var deviceId, out var kind) || kind is not ("" or "status" or "alerts")) return; // not subscribed to
        if (kind == "status" && LastWill.IsOffline(new System.Buffers.ReadOnlySequence<byte>(payload)))
        {
            // Published by the broker for the device (its last will); the ACL keeps anyone else off this topic.
            _offline[deviceId] = 0;
            _silence.ConnectionLost(deviceId);
            return;
        }
        // Back after its last will: what was kept for it goes out now (the sweep sends to devices never marked offline).
        if (_offline.TryRemove(deviceId, out _)) _kicks.Kick(deviceId);
        // The broker's ACL lets a device publish only under its own id (docs/scale-out.md): the topic names the sender.
        var source = new IngestSource(IngestSource.Mqtt, topic, deviceId) { AlertChannel = kind == "alerts" };
        _ = payload.Length > DeviceMessageParser.MaxMessageBytes
            ? await _pipeline.RejectAsync(MessageRejection.TooLarge(payload.Length, DeviceMessageParser.MaxMessageBytes), default, source, cancellationToken)
            : await _pipeline.IngestAsync(payload, source, cancellationToken);
    }

    /// <summary>Drops the connection once per generation; <see cref="ExecuteAsync"/> reconnects after a backoff and the broker resends.</summary>
    private void Recycle(int generation)
    {
        // Counted once per connection dropped, not per message that failed on it: a batch of failures is one fault, whose
        // backoff (doubling with each fault in a row) must not grow with the batch.
        if (Interlocked.CompareExchange(ref _generation, generation + 1, generation) != generation) return; // already recycled
        Interlocked.Increment(ref _faults);
        Interlocked.Increment(ref _recycled);
        _ = Task.Run(async () =>
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.UnspecifiedError).Build());
            }
            catch (Exception e) when (e is MqttCommunicationException or ObjectDisposedException or OperationCanceledException)
            {
                _lost.TrySetResult();
            }
        });
    }

    /// <summary>
    /// Commands go out at QoS 1 through the broker. Not sent (false) when this node is not connected, the device's last will
    /// was the latest word from it, or no session subscribes to its commands (the broker answers "no matching subscribers").
    /// </summary>
    public ValueTask<bool> MayReachAsync(string deviceId) => ValueTask.FromResult(_client.IsConnected && !_offline.ContainsKey(deviceId));

    public async Task<bool> PublishCommandAsync(string deviceId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected || _offline.ContainsKey(deviceId)) return false;
        var message = new MqttApplicationMessageBuilder().WithTopic(MqttTopics.Commands(deviceId)).WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        try
        {
            var published = await _client.PublishAsync(message, cancellationToken);
            return published.ReasonCode == MqttClientPublishReasonCode.Success;
        }
        catch (MqttCommunicationException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the MQTT broker {Host}:{Port} as node {NodeId} (session present: {SessionPresent})")]
    private partial void LogConnected(string host, int port, string nodeId, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not connect to the MQTT broker {Url} (attempt {Attempt}): {Error}")]
    private partial void LogConnectFailed(string? url, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disconnected from the MQTT broker: {Reason} {Error}")]
    private partial void LogDisconnected(MqttClientDisconnectReason reason, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message on {Topic} could not be taken; left unacknowledged for the broker to deliver again")]
    private partial void LogFault(Exception exception, string topic);
}
