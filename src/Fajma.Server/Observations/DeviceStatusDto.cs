namespace Fajma.Server.Observations;

/// <summary>
/// Hub event <c>deviceStatus</c>: a device reported in (battery %, signal dBm, calibration), or its clock's estimated
/// offset from the server's (device minus server, ms; null until known) crossed the 1 s tolerance either way.
/// </summary>
public sealed record DeviceStatusDto(
    string DeviceId,
    int PatientId,
    int? BatteryLevel,
    int? SignalStrength,
    DateTimeOffset? LastCalibration,
    DateTimeOffset LastSeenAt,
    long? ClockOffsetMilliseconds = null)
{
    public bool ClockDoubtful => ClockOffsetMilliseconds is { } offset && Math.Abs(offset) > Fajma.Core.Messages.ClockEstimate.Tolerance.TotalMilliseconds;
}
