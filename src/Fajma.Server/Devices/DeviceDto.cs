using System.Linq.Expressions;
using Fajma.Server.Storage;

namespace Fajma.Server.Devices;

/// <summary>A device as the board shows it: whose it is, battery (%), signal (dBm), calibration, last contact and whether it was revoked.</summary>
public sealed record DeviceDto(
    string Id,
    string Type,
    int? PatientId,
    int? BatteryLevel,
    int? SignalStrength,
    DateTimeOffset? LastCalibration,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>The projection EF translates to SQL, shared by every query that lists devices.</summary>
    public static readonly Expression<Func<Device, DeviceDto>> FromDevice =
        d => new DeviceDto(d.Id, d.Type, d.PatientId, d.BatteryLevel, d.SignalStrength, d.LastCalibration, d.LastSeenAt, d.RevokedAt);
}
