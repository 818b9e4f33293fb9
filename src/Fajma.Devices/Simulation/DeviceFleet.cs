using Fajma.Devices.Outbox;
using Fajma.Devices.Transport;
using Polly;
using Polly.Retry;

namespace Fajma.Devices.Simulation;

/// <summary>
/// Runs simulated devices at a fixed rate, in one of two ways. With an <see cref="OutboxDirectory"/> each device
/// works as a real one should: every reading is committed to its own durable outbox at its tick and the SDK's
/// <see cref="OutboxForwarder"/> sends them in order, so an outage or a restart skips no reading. Without one
/// (benchmarks measure the server this way), each device sends, waits for its acknowledgement, then waits for its
/// next tick; a failed message is resent with backoff and the ticks it held up are counted as missed.
/// </summary>
public sealed class DeviceFleet(IReadOnlyList<(SimulatedDevice Device, IDeviceTransport Transport)> devices, double rateHz, TimeProvider time)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            MaxRetryAttempts = int.MaxValue,
        })
        .Build();

    private readonly TimeSpan _period = TimeSpan.FromSeconds(1 / rateHz); // the fleet's, unless the server sets a device another
    private long _start; // the fleet's own start: each device's readings keep their place in the period from it

    public FleetStatistics Statistics { get; } = new();

    /// <summary>Called just before each send with (device id, message key); the benchmark times delivery from here.</summary>
    public Action<string, string>? OnSending { get; init; }

    /// <summary>Where each device keeps its outbox (<c>{deviceId}.outbox.db</c>); null sends at each tick and waits.</summary>
    public string? OutboxDirectory { get; init; }

    /// <summary>The outbox forwarders' retry policy (the seed's: 3 retries from 1 s, doubling, at most 30 s).</summary>
    public OutboxRetryOptions OutboxRetry { get; init; } = new()
    {
        MaxAttempts = 4, FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30), PauseAfterStall = TimeSpan.FromSeconds(5),
    };

    /// <summary>Readings each device measures before it stops (once they are all acknowledged, with an outbox); null: until cancelled.</summary>
    public int? ReadingsPerDevice { get; init; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _start = time.GetTimestamp();
        if (OutboxDirectory is not null) Directory.CreateDirectory(OutboxDirectory);
        var tasks = devices.Select((d, i) => OutboxDirectory is null
            ? RunDeviceAsync(d.Device, d.Transport, i, cancellationToken)
            : RunBufferedDeviceAsync(d.Device, d.Transport, i, cancellationToken)).ToArray();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal end of a run.
        }
    }

    private async Task RunDeviceAsync(SimulatedDevice device, IDeviceTransport transport, int index, CancellationToken ct)
    {
        await Task.Delay(Stagger(index), time, ct);
        await _retry.ExecuteAsync(async token =>
        {
            try
            {
                await transport.ConnectAsync(token);
            }
            catch (Exception e) when (e is not OperationCanceledException && !token.IsCancellationRequested)
            {
                Statistics.CountConnectFailure(e);
                throw;
            }
        }, ct);
        await Task.Delay(UntilItsPlace(index), time, ct);
        await EveryTickAsync(ControlOf(transport), ReadingsPerDevice, async (elapsed, token) =>
        {
            var (body, key) = device.NextMessage(elapsed);
            await _retry.ExecuteAsync(async attempt =>
            {
                try
                {
                    await transport.ConnectAsync(attempt);
                    OnSending?.Invoke(device.DeviceId, key);
                    Statistics.CountSent();
                    var result = await transport.PublishAsync(body, attempt);
                    // A busy server keeps nothing: as a real device would, this one waits as asked and sends it again.
                    while (result is { Accepted: false } && result.RetryAfterWithJitter() is { } wait)
                    {
                        Statistics.CountTurnedAway();
                        await Task.Delay(wait, time, attempt);
                        result = await transport.PublishAsync(body, attempt);
                    }
                    if (result.Accepted) Statistics.CountAccepted();
                    else Statistics.CountRefused($"{result.Code}: {result.Reason}");
                }
                // A publish cut short by the end of the run is not a transport error (MQTTnet reports it as a timeout).
                catch (Exception e) when (e is not OperationCanceledException && !attempt.IsCancellationRequested)
                {
                    Statistics.CountError(e);
                    throw;
                }
            }, token);
        }, ct);
    }

    private async Task RunBufferedDeviceAsync(SimulatedDevice device, IDeviceTransport transport, int index, CancellationToken ct)
    {
        using var outbox = SqliteOutbox.Open(Path.Combine(OutboxDirectory!, $"{device.DeviceId}.outbox.db"), time: time);
        var forwarder = new OutboxForwarder(outbox, transport, OutboxRetry, time)
        {
            Acknowledged = _ => Statistics.CountAccepted(),
            WasParked = (_, reason) => Statistics.CountRefused(reason),
        };
        using var stopForwarding = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // What an earlier run left queued goes first: the forwarder starts at once, the measuring after the stagger.
        var forwarding = forwarder.RunAsync(stopForwarding.Token);
        try
        {
            await Task.Delay(Stagger(index), time, ct);
            await EveryTickAsync(ControlOf(transport), ReadingsPerDevice, (elapsed, _) =>
            {
                var (body, key) = device.NextMessage(elapsed);
                outbox.Enqueue(key, body);
                Statistics.CountSent();
                return Task.CompletedTask;
            }, ct);
            if (ReadingsPerDevice is not null)
            {
                // A device with a fixed number of readings stops once the server holds them all.
                while (outbox.Count > 0) await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
                await stopForwarding.CancelAsync();
            }
        }
        finally
        {
            try
            {
                await forwarding;
            }
            catch (OperationCanceledException) when (stopForwarding.IsCancellationRequested)
            {
                // Stopped with messages still queued: they stay in the file for the next run.
            }
        }
    }

    /// <summary>The server's commands (rate, start/stop, read now) land here; a transport that hears none keeps the fleet's rate.</summary>
    private static DeviceControl? ControlOf(IDeviceTransport transport) => (transport as ICommandedTransport)?.Control;

    /// <summary>Spreads devices over the first period so they do not all publish in the same millisecond.</summary>
    private TimeSpan Stagger(int index) => _period * (index % 1000) / 1000;

    /// <summary>
    /// How long until the device's place in the period (its stagger) comes round again; none if it has just passed, by
    /// the moments a connection takes. A device samples on its own clock, whenever it connected: a fleet whose devices
    /// each began at the end of their connecting would read in the bunches in which a busy server let them in, and
    /// measure those bunches (docs/performance.md, issue 15, twenty-third session).
    /// </summary>
    private TimeSpan UntilItsPlace(int index)
    {
        var sinceItsPlace = time.GetElapsedTime(_start) - Stagger(index);
        if (sinceItsPlace <= TimeSpan.Zero) return -sinceItsPlace;
        var late = TimeSpan.FromTicks(sinceItsPlace.Ticks % _period.Ticks);
        return late <= _period / 10 ? TimeSpan.Zero : _period - late;
    }

    /// <summary>
    /// Calls <paramref name="tick"/> every period with the seconds since the last call, <paramref name="limit"/> times at
    /// most; ticks it overran are counted as missed. The period is the fleet's rate unless the server set another (<paramref name="control"/>); while monitoring
    /// is stopped nothing is measured, and a command (read now, a new rate, start) wakes the loop for a reading at once.
    /// </summary>
    private async Task EveryTickAsync(DeviceControl? control, int? limit, Func<double, CancellationToken, Task> tick, CancellationToken ct)
    {
        var last = time.GetTimestamp();
        var next = last;
        var ticks = 0;
        using var wait = new TickWait(time, control, ct);
        while (!ct.IsCancellationRequested)
        {
            if (control is { Monitoring: false })
            {
                await wait.WaitAsync(Timeout.InfiniteTimeSpan);
                next = time.GetTimestamp();
                continue;
            }
            var period = (long)((control?.Period(_period) ?? _period).TotalSeconds * time.TimestampFrequency);
            var elapsed = time.GetElapsedTime(last).TotalSeconds;
            last = time.GetTimestamp();
            await tick(elapsed, ct);
            if (++ticks == limit) return;
            next += period;
            var remaining = next - time.GetTimestamp();
            if (remaining < 0)
            {
                var missed = -remaining / period;
                Statistics.CountMissedTicks(missed);
                next += missed * period;
                continue;
            }
            var delay = TimeSpan.FromSeconds((double)remaining / time.TimestampFrequency);
            if (await wait.WaitAsync(delay)) next = time.GetTimestamp();
        }
    }
}
