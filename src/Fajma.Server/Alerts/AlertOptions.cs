using Fajma.Core.Alerts;
using Fajma.Server.Devices;

namespace Fajma.Server.Alerts;

/// <summary>The <c>Alerts</c> section: when to remind, when to escalate, when silence becomes an alert, and who else hears.</summary>
public sealed class AlertOptions
{
    /// <summary>An unacknowledged alert is sent again this often to whoever is paged.</summary>
    public TimeSpan ReminderEvery { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Unacknowledged this long, a critical alert pages the next doctor of the care team, then the admins.</summary>
    public TimeSpan EscalateCriticalAfter { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan EscalateMajorAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Null: warnings are never escalated.</summary>
    public TimeSpan? EscalateWarningAfter { get; set; }

    /// <summary>How often reminders, escalation and no-data checks run.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the platform measures its own health (SystemMonitor); each check covers the window since the last.</summary>
    public TimeSpan SystemCheckEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Silence after which a device that was sending raises a "no data" alert, by device type: continuous monitors
    /// send every few seconds; a phone relays its BLE batches every few minutes; a cuff measures a few times an hour.
    /// </summary>
    public Dictionary<string, TimeSpan> NoDataAfter { get; } = new(StringComparer.Ordinal)
    {
        [DeviceTypes.Esp32Monitor] = TimeSpan.FromSeconds(60),
        [DeviceTypes.PulseOximeter] = TimeSpan.FromSeconds(60),
        [DeviceTypes.BleHeartRate] = TimeSpan.FromMinutes(5),
        [DeviceTypes.Thermometer] = TimeSpan.FromHours(1),
        [DeviceTypes.BloodPressureMonitor] = TimeSpan.FromHours(1),
    };

    public TimeSpan NoDataDefault { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Hospital systems that receive every alert change, signed (see <see cref="AlertWebhook"/>).</summary>
    public List<AlertWebhookOptions> Webhooks { get; } = [];

    public TimeSpan? EscalateAfter(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => EscalateCriticalAfter,
        AlertSeverity.Major => EscalateMajorAfter,
        _ => EscalateWarningAfter,
    };

    public TimeSpan NoDataTimeout(string deviceType) => NoDataAfter.TryGetValue(deviceType, out var after) ? after : NoDataDefault;
}
