using Fajma.Server.Platform;

namespace Fajma.Server.Devices;

/// <summary>
/// Reads the device directory's cached devices again together, before they run out (<see cref="DeviceDirectory.RefreshAsync"/>).
/// A failed read leaves the entries to run out and be read one by one, as without this.
/// </summary>
internal sealed partial class KnownDeviceRefresh(DeviceDirectory directory, TimeProvider time, ILogger<KnownDeviceRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(DeviceDirectory.RefreshEvery, time);
        while (await timer.NextTickAsync(stoppingToken))
        {
            try
            {
                await directory.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The device directory could not be read again; its entries are read one by one as they run out")]
    private partial void LogRefreshFailed(Exception e);
}
