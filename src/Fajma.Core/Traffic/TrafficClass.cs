namespace Fajma.Core.Traffic;

/// <summary>The seed's traffic priorities (seed 000 §4.1), most urgent first; video is peer to peer and never crosses the server.</summary>
public enum TrafficClass
{
    CriticalAlert,
    VitalSigns,
    DeviceStatus,
    HistoricalData,
}
