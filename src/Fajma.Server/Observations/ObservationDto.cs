using Fajma.Core.Crypto;
using Fajma.Server.Observations.Seal;
using Fajma.Server.Storage;

namespace Fajma.Server.Observations;

/// <summary>
/// One observation, the same shape live (hub event <c>observation</c>) and in history.
/// <see cref="Value"/> is systolic for blood pressure, with <see cref="Diastolic"/> beside it.
/// <see cref="ClockSource"/> says whether <see cref="MeasuredAt"/> is the device's clock or the server's (<see cref="ClockSources"/>);
/// <see cref="ClockDoubtful"/>: the device's clock was more than 1 s off when it sent this, so its time is unchecked.
/// <see cref="Source"/>: the sensor a gateway relayed (a phone's BLE strap); <see cref="DeviceId"/> is then the gateway.
/// <see cref="Doubtful"/>: the device's own quality is under the bar alert rules require (<see cref="Fajma.Core.Alerts.ThresholdRule.DefaultMinQuality"/>):
/// shown, but it neither raises nor resolves an alert.
/// </summary>
public sealed record ObservationDto(
    long Id,
    int PatientId,
    string DeviceId,
    string Type,
    string Loinc,
    double Value,
    double? Diastolic,
    string Unit,
    int? Quality,
    DateTimeOffset MeasuredAt,
    DateTimeOffset ReceivedAt,
    string ClockSource,
    string MessageId,
    string? Source = null) : Live.ITimedReading
{
    public bool Doubtful => Quality < Fajma.Core.Alerts.ThresholdRule.DefaultMinQuality;

    public bool ClockDoubtful => ClockSource == ClockSources.DeviceDoubtful;

    public static ObservationDto From(Observation o, SealedValues values, string messageKey, string? source) => new(
        o.Id, o.PatientId, o.DeviceId, o.Type, o.Loinc, values.Value, values.Diastolic, o.Unit, values.Quality,
        o.MeasuredAt, o.ReceivedAt, o.ClockSource, messageKey, source);

    public static ObservationDto From(PendingObservation o, string messageKey, string? source) => From(o.Row, o.Values, messageKey, source);
}
