namespace Fajma.Server.Observations;

/// <summary>Hub event <c>deviceStatus</c>: a device reported in (battery %, signal dBm, calibration).</summary>
public sealed record DeviceStatusDto(
    string DeviceId,
    int PatientId,
    int? BatteryLevel,
    int? SignalStrength,
    DateTimeOffset? LastCalibration,
    DateTimeOffset LastSeenAt);
