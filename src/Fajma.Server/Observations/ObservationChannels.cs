using Fajma.Core.Traffic;
using Fajma.Server.Live;

namespace Fajma.Server.Observations;

/// <summary>Vitals and device status as live streams: coalesced per patient, device and type (latest wins), and sized for the budgets.</summary>
public static class ObservationChannels
{
    public static readonly LiveChannel<ObservationDto> Observation = new("live.observation", MonitoringEvents.Observation, TrafficClass.VitalSigns,
        ObservationsJsonContext.Default.ObservationDto, o => o.PatientId, o => new LiveKey("o", o.PatientId, o.DeviceId, o.Type));

    public static readonly LiveChannel<DeviceStatusDto> DeviceStatus = new("live.status", MonitoringEvents.DeviceStatus, TrafficClass.DeviceStatus,
        ObservationsJsonContext.Default.DeviceStatusDto, s => s.PatientId, s => new LiveKey("s", First: s.DeviceId));
}
