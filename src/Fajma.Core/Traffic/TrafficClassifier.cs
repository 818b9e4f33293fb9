using Fajma.Core.Messages;

namespace Fajma.Core.Traffic;

/// <summary>
/// Which class a device message travels in. Readings measured long before they arrive (a device's
/// store-and-forward backlog after an outage) are history: charted, never paged as if they were happening now.
/// </summary>
public static class TrafficClassifier
{
    /// <summary>How old a reading may be on arrival and still count as live.</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(2);

    public static TrafficClass Of(DeviceReading reading, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.MessageType == MessageTypes.CriticalAlert) return TrafficClass.CriticalAlert;
        if (reading.Measurements.Count == 0) return TrafficClass.DeviceStatus;
        // A loop, not Select(…).Max(): every message passes here, and the iterator and closure were garbage for each.
        DateTimeOffset? newest = null;
        for (var i = 0; i < reading.Measurements.Count; i++)
        {
            if ((reading.Measurements[i].MeasuredAt ?? reading.DeviceTime) is { } at && (newest is null || at > newest)) newest = at;
        }
        return newest is { } measured && measured < receivedAt - LiveWindow ? TrafficClass.HistoricalData : TrafficClass.VitalSigns;
    }
}
