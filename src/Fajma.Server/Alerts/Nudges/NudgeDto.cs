using Fajma.Core.Nudges;

namespace Fajma.Server.Alerts.Nudges;

/// <summary>
/// A nudge as the patient and their care team see it. Kind: <c>missing_measurement</c>, <c>low_battery</c> or
/// <c>sensor_off_skin</c>; open until <see cref="ClearedAt"/>; <see cref="EscalatedAt"/>: the care team was told.
/// </summary>
public sealed record NudgeDto(Guid Id, int PatientId, string DeviceId, string? DeviceType, string Kind, int? Battery, DateTimeOffset RaisedAt,
    DateTimeOffset? PushedAt, DateTimeOffset? ClearedAt, DateTimeOffset? EscalatedAt, DateTimeOffset? DismissedAt)
{
    public static string KindName(NudgeKind kind) => kind switch
    {
        NudgeKind.MissingMeasurement => "missing_measurement",
        NudgeKind.LowBattery => "low_battery",
        _ => "sensor_off_skin",
    };
}
