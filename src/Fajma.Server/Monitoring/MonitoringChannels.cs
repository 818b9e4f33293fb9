using Fajma.Core.Traffic;
using Fajma.Server.Live;

namespace Fajma.Server.Monitoring;

/// <summary>Vitals and device status as live streams: coalesced per patient, device and type (latest wins), and sized for the budgets.</summary>
public static class MonitoringChannels
{
    public static readonly LiveChannel<ObservationDto> Observation = new("live.observation", MonitoringEvents.Observation, TrafficClass.VitalSigns,
        MonitoringJsonContext.Default.ObservationDto, o => o.PatientId, o => $"o:{o.PatientId}:{o.DeviceId}:{o.Type}");

    public static readonly LiveChannel<DeviceStatusDto> DeviceStatus = new("live.status", MonitoringEvents.DeviceStatus, TrafficClass.DeviceStatus,
        MonitoringJsonContext.Default.DeviceStatusDto, s => s.PatientId, s => $"s:{s.DeviceId}");
}
