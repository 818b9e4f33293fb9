using System.Collections.Concurrent;
using System.Diagnostics;
using Fajma.Cli.Simulation;
using Fajma.Core.Wire;
using HdrHistogram;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Fajma.Cli.Bench;

/// <summary>
/// One device that turns critical again and again while the flood runs: two heart rates above 120 (the second
/// raises a threshold alert), two normal ones (it resolves), then its own CRITICAL_ALERT over QoS 2 (a device
/// alert). Each alert's latency runs from just before the publish that raises it to the doctor's hub receiving it.
/// To a server on this machine the probe connects from 127.0.0.2: the server caps connections waiting to sign in per
/// address, and the flood's (from 127.0.0.1) must not be what keeps a probe from reconnecting.
/// </summary>
internal sealed class AlertProbe(FleetRegistration.RegisteredDevice device, Uri server, int mqttPort)
{
    private static readonly System.Net.IPAddress s_ownAddress = System.Net.IPAddress.Parse("127.0.0.2");

    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);
    private readonly AlertExpectations _expected = new();
    private long _uptime = 1_000;

    public int PatientId => device.PatientId;

    public LongHistogram Threshold { get; } = new(60_000_000, 3);

    public LongHistogram Device { get; } = new(60_000_000, 3);

    /// <summary>A device alert's way to the server: the publish to the server's receipt of it (the alert's raise time, same clock).</summary>
    public LongHistogram DeviceToServer { get; } = new(60_000_000, 3);

    /// <summary>A device alert's way from the server: its receipt there to the doctor's hub receiving the alert.</summary>
    public LongHistogram DeviceFromServer { get; } = new(60_000_000, 3);

    public int Missed { get; private set; }

    /// <summary>Alerts heard of only by asking the server after the doctor's hub reconnected (timed when asked: late, not missed).</summary>
    public int CaughtUp => _expected.CaughtUp;

    /// <summary>What went wrong during the run, each with the time since it began: printed after the report, never hidden.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private void Note(string error) => Errors.Enqueue($"{device.DeviceId} at {_clock.Elapsed.TotalSeconds:0.0} s: {error}");

    /// <summary>The doctor's hub saw an alert event for this probe's patient, raised at <paramref name="raisedAt"/> by the server's clock.</summary>
    public void Received(string rule, string @event, DateTimeOffset raisedAt) => _expected.Received(rule, @event, raisedAt, DateTimeOffset.UtcNow);

    /// <summary>An alert of this probe's patient the doctor asked for after its hub reconnected (see <see cref="AlertExpectations.CaughtUpWith"/>).</summary>
    public void CaughtUpWith(string rule, DateTimeOffset raisedAt) => _expected.CaughtUpWith(rule, raisedAt, DateTimeOffset.UtcNow);

    public async Task RunAsync(Func<bool> recording, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var host = server.Host == "localhost" ? "127.0.0.1" : server.Host;
        var options = new MqttClientOptionsBuilder().WithTcpServer(host, mqttPort)
            .WithClientId(device.DeviceId).WithCredentials(device.DeviceId, DeviceSecretText.Encode(device.Secret))
            .WithProtocolVersion(MqttProtocolVersion.V500).Build();
        if (host == "127.0.0.1") ((MqttClientTcpOptions)options.ChannelOptions).LocalEndpoint = new System.Net.IPEndPoint(s_ownAddress, 0);
        client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected && !cancellationToken.IsCancellationRequested)
                Note($"disconnected: {e.Reason} {e.ReasonString} {e.Exception?.GetType().Name} {e.Exception?.Message}".TrimEnd());
            return Task.CompletedTask;
        };
        var n = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!client.IsConnected && !await TryConnectAsync(client, options, cancellationToken)) continue;
            await MeasureAsync("heart_rate:high", "-", () => HeartRateAsync(client, 150, cancellationToken), null, cancellationToken, expectEvent: false);
            await MeasureAsync("heart_rate:high", "raised", () => HeartRateAsync(client, 152, cancellationToken), recording() ? Threshold : null, cancellationToken);
            await MeasureAsync("heart_rate:high", "-", () => HeartRateAsync(client, 60, cancellationToken), null, cancellationToken, expectEvent: false);
            await MeasureAsync("heart_rate:high", "resolved", () => HeartRateAsync(client, 60, cancellationToken), null, cancellationToken);
            var type = $"BENCH_EVENT_{++n}";
            await MeasureAsync($"device:{device.DeviceId}:{type}", "raised", () => DeviceAlertAsync(client, type, cancellationToken), recording() ? Device : null, cancellationToken,
                split: recording() ? (DeviceToServer, DeviceFromServer) : null);
            await Task.Delay(TimeSpan.FromMilliseconds(300 + Random.Shared.Next(400)), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>A refused or cut connection attempt (a loaded server may reset it) is noted and tried again a second later, never fatal to the run.</summary>
    private async Task<bool> TryConnectAsync(IMqttClient client, MqttClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await client.ConnectAsync(options, cancellationToken);
            return true;
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException e) when (!cancellationToken.IsCancellationRequested)
        {
            Note($"connect: {e.Message}");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return false;
        }
    }

    /// <param name="split">Where to record the two halves of the latency, split at the alert's raise time (the server's clock).</param>
    private async Task MeasureAsync(string rule, string @event, Func<Task> publish, LongHistogram? into, CancellationToken cancellationToken, bool expectEvent = true,
        (LongHistogram ToServer, LongHistogram FromServer)? split = null)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var arrival = _expected.Expect(rule, @event, sentAt);
        var started = Stopwatch.GetTimestamp();
        Task? published = null;
        try
        {
            // The alert leaves before the store is touched, so it may well arrive before the PUBACK: wait for both, time the alert.
            published = publish();
            if (expectEvent)
            {
                var (raisedAt, received) = await arrival.WaitAsync(s_timeout, cancellationToken);
                var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                if (into is not null) Record(into, micros);
                if (split is var (toServer, fromServer))
                {
                    Record(toServer, (long)(raisedAt - sentAt).TotalMicroseconds);
                    Record(fromServer, (long)(received - raisedAt).TotalMicroseconds);
                }
            }
            await published;
        }
        catch (Exception e) when (e is TimeoutException or MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            if (cancellationToken.IsCancellationRequested) return; // the end of the run (MQTTnet reports it as a timeout)
            // Not received in time, or the publish itself failed: counted, never hidden; the loop reconnects if needed.
            if (into is not null) Missed++;
            Note($"{rule} {@event}: {e.Message} (sent {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s before; {Acknowledgement(published)})");
        }
        finally
        {
            _expected.Forget(rule, @event);
        }
    }

    private static void Record(LongHistogram into, long micros)
    {
        lock (into) into.RecordValue(Math.Clamp(micros, 0, into.HighestTrackableValue));
    }

    /// <summary>Whether the server had answered the message when its alert was given up on: tells a lost alert from a reading still waiting.</summary>
    private static string Acknowledgement(Task? published) => published switch
    {
        Task<MqttClientPublishResult> { IsCompletedSuccessfully: true } done => $"answered {done.Result.ReasonCode}",
        { IsFaulted: true } failed => $"publish failed: {failed.Exception!.InnerException!.GetType().Name}",
        null => "not sent",
        _ => "not yet answered",
    };

    private Task<MqttClientPublishResult> HeartRateAsync(IMqttClient client, double heartRate, CancellationToken cancellationToken) =>
        PublishUntilTakenAsync(client, new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{device.DeviceId}")
            .WithPayload(StandardMessageBuilder.Flat(new FlatDeviceMessage(device.DeviceId, Interlocked.Add(ref _uptime, 1_000), heartRate, 97, 36.8), device.Secret))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);

    /// <summary>A normal reading may meet an overloaded server's "busy" (PUBACK 0x97): sent again after the delay it asks, as a device does.</summary>
    private static async Task<MqttClientPublishResult> PublishUntilTakenAsync(IMqttClient client, MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await client.PublishAsync(message, cancellationToken);
            if (result.ReasonCode != MqttClientPublishReasonCode.QuotaExceeded) return result;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private Task<MqttClientPublishResult> DeviceAlertAsync(IMqttClient client, string type, CancellationToken cancellationToken) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{device.DeviceId}/alerts")
            .WithPayload(StandardMessageBuilder.CriticalAlert(device.DeviceId, Guid.NewGuid(), DateTimeOffset.UtcNow,
                new WireAlertPayload(type, "HIGH", "benchmark event", new Dictionary<string, double> { ["confidence"] = 0.9 }, null, false), device.Secret))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.ExactlyOnce).Build(), cancellationToken);
}
