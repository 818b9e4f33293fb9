using MQTTnet;
using MQTTnet.Exceptions;

namespace Fajma.Server.Ingestion.Mqtt;

/// <summary>
/// The drain on SIGTERM (any graceful stop): leave the shared subscriptions so the broker deals new messages to the other
/// nodes, let the messages already taken finish their group commit and acknowledge them, then disconnect keeping the
/// session. Bounded by <see cref="MqttOptions.DrainTimeout"/>: what is unfinished then stays with the broker, which resends
/// it when this node's session returns (a duplicate, stored once).
/// </summary>
public sealed partial class ExternalMqttIngestion : IHostedLifecycleService
{
    private readonly Lock _drainGate = new();
    private Task? _drain;
    private int _draining;
    private long _declined;

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The host calls this on every service before stopping any (the web server included): the drain starts at once.</summary>
    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken)
    {
        _ = Drain();
        return Task.CompletedTask;
    }

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Drain().WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's own shutdown timeout came first: stop the pipeline; the broker keeps what was unacknowledged.
            await _abandon.CancelAsync();
        }
        await base.StopAsync(cancellationToken);
    }

    private Task Drain()
    {
        lock (_drainGate) return _drain ??= Task.Run(DrainAsync);
    }

    private async Task DrainAsync()
    {
        Volatile.Write(ref _draining, 1);
        await _stopping.CancelAsync(); // no reconnecting, no recycling from here on
        var started = InFlightMessages.Clock.GetTimestamp();
        var acknowledgedBefore = Acknowledged;
        var inFlight = _inFlight.Count;
        using var deadline = new CancellationTokenSource(_settings.DrainTimeout, InFlightMessages.Clock);
        var left = _settings.LeaveGroupOnStop && await UnsubscribeAsync(deadline.Token);
        LogDraining(inFlight, left);
        var finished = await _inFlight.SettledAsync(RoundTripAsync, deadline.Token);
        var unfinished = _inFlight.Count;
        if (!finished) await _abandon.CancelAsync();
        await DisconnectAsync();
        var elapsed = InFlightMessages.Clock.GetElapsedTime(started).TotalMilliseconds;
        var declined = Interlocked.Read(ref _declined);
        if (unfinished > 0) LogDrainTimedOut(elapsed, Acknowledged - acknowledgedBefore, unfinished);
        else if (declined > 0) LogDrainedDeclining(elapsed, Acknowledged - acknowledgedBefore, declined);
        else LogDrained(elapsed, Acknowledged - acknowledgedBefore);
    }

    /// <summary>A message that arrived while draining in the group: not taken, it waits unacknowledged in the session.</summary>
    private Task Declined()
    {
        Interlocked.Increment(ref _declined);
        return Task.CompletedTask;
    }

    /// <summary>Leaves the group; false when the connection is gone (what was in flight then stays with the broker anyway).</summary>
    private async Task<bool> UnsubscribeAsync(CancellationToken deadline)
    {
        if (!_client.IsConnected) return false;
        var unsubscribe = new MqttClientUnsubscribeOptionsBuilder();
        foreach (var (filter, _) in Subscriptions) unsubscribe.WithTopicFilter(filter);
        try
        {
            await _client.UnsubscribeAsync(unsubscribe.Build(), deadline);
            Volatile.Write(ref _subscribed, false);
            return true;
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// A ping, then until our handler has been given every PUBLISH read before the PINGRESP: MQTTnet completes the ping as it
    /// reads the reply, while publishes read just before may still wait in its queue to our handler. (A fixed 500 ms wait for
    /// them was not enough on a loaded CI machine: the node left 56 messages in its session, saying it had left none.)
    /// </summary>
    private async Task RoundTripAsync(CancellationToken deadline)
    {
        await PingAsync(deadline);
        await _received.CaughtUpAsync(_received.Read, deadline);
    }

    /// <summary>
    /// Mosquitto handles a connection's packets in order and sends queued messages as our acknowledgements free in-flight
    /// slots: its PINGRESP comes after whatever it released for us. A lost connection ends the wait (nothing more will come).
    /// </summary>
    private async Task PingAsync(CancellationToken deadline)
    {
        if (!_client.IsConnected) return;
        try
        {
            await _client.PingAsync(deadline);
        }
        catch (Exception e) when (e is MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
        {
            // Gone: what is unacknowledged stays with the broker.
        }
    }

    /// <summary>A normal DISCONNECT: the session (and anything still unacknowledged in it) outlives this node's stop.</summary>
    private async Task DisconnectAsync()
    {
        if (!_client.IsConnected) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), InFlightMessages.Clock);
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token);
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
        {
            // The broker is gone already: nothing to say goodbye to.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: {InFlight} messages in flight when it began (left the shared subscriptions: {Left})")]
    private partial void LogDraining(int inFlight, bool left);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained in {ElapsedMs:0} ms: {Acknowledged} acknowledged after their commit, none left to the broker")]
    private partial void LogDrained(double elapsedMs, long acknowledged);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drained in {ElapsedMs:0} ms: {Acknowledged} acknowledged after their commit; {Declined} arriving meanwhile left unacknowledged in the session (Mqtt:LeaveGroupOnStop=false)")]
    private partial void LogDrainedDeclining(double elapsedMs, long acknowledged, long declined);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drain deadline passed after {ElapsedMs:0} ms: {Acknowledged} acknowledged, {Unfinished} left unacknowledged for the broker to resend")]
    private partial void LogDrainTimedOut(double elapsedMs, long acknowledged, int unfinished);
}
