namespace Fajma.Server.Devices;

/// <summary>A device as the board shows it: whose it is, battery (%), signal (dBm), calibration and last contact.</summary>
public sealed record DeviceDto(
    string Id,
    string Type,
    int? PatientId,
    int? BatteryLevel,
    int? SignalStrength,
    DateTimeOffset? LastCalibration,
    DateTimeOffset? LastSeenAt);
