using Fajma.Core.Traffic;
using Fajma.Server.Live;

namespace Fajma.Server.Devices.Control;

/// <summary>The hub event <c>deviceCommand</c>: every status change of a command, to the watchers of the device's patient.</summary>
public static class DeviceControlChannels
{
    public const string HubEvent = "deviceCommand";

    // Keyed per command and status-paced like device status: a newer status of one command replaces an unsent older one.
    public static readonly LiveChannel<DeviceCommandDto> Command = new("live.device-command", HubEvent, TrafficClass.DeviceStatus,
        DevicesJsonContext.Default.DeviceCommandDto, c => c.PatientId ?? 0, c => new LiveKey("c", First: c.Id.ToString())) { CountsShed = false };
}
