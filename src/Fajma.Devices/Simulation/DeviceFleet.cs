using Fajma.Devices.Transport;
using Polly;
using Polly.Retry;

namespace Fajma.Devices.Simulation;

/// <summary>
/// Runs simulated devices at a fixed rate. Each device sends, waits for its acknowledgement, then
/// waits for its next tick; a message that fails in transport is resent (same key, so the server
/// stores it once) with exponential backoff, as a real device keeps what was not acknowledged.
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

    public FleetStatistics Statistics { get; } = new();

    /// <summary>Called just before each send with (device id, message key); the benchmark times delivery from here.</summary>
    public Action<string, string>? OnSending { get; init; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var tasks = devices.Select((d, i) => RunDeviceAsync(d.Device, d.Transport, i, cancellationToken)).ToArray();
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
        var nominal = TimeSpan.FromSeconds(1 / rateHz);
        // The server's commands (rate, start/stop, read now) land here; a transport that hears none keeps the fleet's rate.
        var control = (transport as ICommandedTransport)?.Control;
        var period = nominal;
        // Spread devices over the first period so they do not all publish in the same millisecond.
        await Task.Delay(period * (index % 1000) / 1000, time, ct);
        await _retry.ExecuteAsync(async token => await transport.ConnectAsync(token), ct);
        var last = time.GetTimestamp();
        var next = time.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            if (control is { Monitoring: false })
            {
                await control.WaitAsync(Timeout.InfiniteTimeSpan, time, ct);
                next = time.GetTimestamp();
                continue;
            }
            period = control?.Period(nominal) ?? nominal;
            control?.TakeReadNow();
            var elapsed = time.GetElapsedTime(last).TotalSeconds;
            last = time.GetTimestamp();
            var (body, key) = device.NextMessage(elapsed);
            await _retry.ExecuteAsync(async token =>
            {
                try
                {
                    await transport.ConnectAsync(token);
                    OnSending?.Invoke(device.DeviceId, key);
                    Statistics.CountSent();
                    var result = await transport.PublishAsync(body, token);
                    if (result.Accepted) Statistics.CountAccepted();
                    else Statistics.CountRefused($"{result.Code}: {result.Reason}");
                }
                // A publish cut short by the end of the run is not a transport error (MQTTnet reports it as a timeout).
                catch (Exception e) when (e is not OperationCanceledException && !token.IsCancellationRequested)
                {
                    Statistics.CountError(e);
                    throw;
                }
            }, ct);

            next += (long)(period.TotalSeconds * time.TimestampFrequency);
            var wait = next - time.GetTimestamp();
            if (wait < 0)
            {
                var missed = -wait / (long)(period.TotalSeconds * time.TimestampFrequency);
                Statistics.CountMissedTicks(missed);
                next += missed * (long)(period.TotalSeconds * time.TimestampFrequency);
                continue;
            }
            var delay = TimeSpan.FromSeconds((double)wait / time.TimestampFrequency);
            // Woken by a command (read now, a new rate, stop): the next reading is taken at once.
            if (control is null) await Task.Delay(delay, time, ct);
            else if (await control.WaitAsync(delay, time, ct)) next = time.GetTimestamp();
        }
    }
}
