using Fajma.Server.Platform;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Devices.Control;

/// <summary>
/// Sends requested commands: at once to a device asked for or just connected (<see cref="DeviceCommandKicks"/>), and on a sweep every
/// <see cref="DeviceControlOptions.SweepInterval"/> that also expires and times out (each node sweeps; claims keep it single).
/// </summary>
public sealed partial class DeviceCommandDispatcher(DeviceCommandLifecycle lifecycle, DeviceCommandKicks kicks, IOptions<DeviceControlOptions> options,
    TimeProvider time, ILogger<DeviceCommandDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeping = SweepAsync(stoppingToken);
        try
        {
            await foreach (var deviceId in kicks.Reader.ReadAllAsync(stoppingToken))
                await RunAsync(() => lifecycle.SendPendingAsync(deviceId, stoppingToken), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: queued commands stay stored for the next node or start.
        }
        await sweeping;
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.NextTickAsync(stoppingToken))
            {
                await RunAsync(() => lifecycle.SweepAsync(stoppingToken), stoppingToken);
                await RunAsync(() => lifecycle.SendPendingAsync(null, stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>The store away for a moment must not stop the host: the next sweep tries again.</summary>
    private async Task RunAsync(Func<Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device command dispatch failed; the next sweep tries again")]
    private partial void LogFailed(Exception e);
}
