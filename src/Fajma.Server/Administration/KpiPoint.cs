namespace Fajma.Server.Administration;

/// <summary>
/// Seed 000 §8.1's indicators over one minute (or the whole window). Latencies in ms: device clock → the send to a
/// watching screen (end to end) and device clock → committed. Ratios are 0–1, null when there was nothing to measure.
/// Gauges (devices, consultations) are the last sample of the minute.
/// </summary>
public sealed record KpiPoint(
    DateTimeOffset At,
    double? LatencyAvgMs,
    double? LatencyP95Ms,
    double? CommitLatencyAvgMs,
    double? CommitLatencyP95Ms,
    long Received,
    long Acknowledged,
    long DeadLettered,
    double? DeliveryRate,
    double? DataQuality,
    double? DeviceAvailability,
    int? ActiveDevices,
    int? ConsultationsInProgress,
    long BytesIn,
    long BytesOut,
    long AlertsRatedActionable,
    long AlertsRatedNotActionable,
    double? AlertPrecision);
