using Fajma.Core.Traffic;
using Fajma.Server.Live;

namespace Fajma.Server.Alerts;

/// <summary>A patient's NEWS2 as a live stream: coalesced like vitals (the latest score is the one that matters), a small fixed size, never counted as shed.</summary>
public static class AlertChannels
{
    public static readonly LiveChannel<News2Dto> News2 = new("live.news2", MonitoringEvents.News2, TrafficClass.VitalSigns,
        AlertsJsonContext.Default.News2Dto, n => n.PatientId, n => new LiveKey("n", n.PatientId)) { FixedBytes = 512, CountsShed = false };
}
