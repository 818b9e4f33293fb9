namespace Fajma.Core.Alerts;

/// <summary>
/// A planned time without data — a shower, a scan, the device charging — from <see cref="From"/> until
/// <see cref="Until"/>, for one device or (null) all the patient's devices: silence then is expected, not a "no data" alert.
/// </summary>
public sealed record DeviceOffPeriod(DateTimeOffset From, DateTimeOffset Until, string? DeviceId = null)
{
    public bool Concerns(string deviceId) => DeviceId is null || DeviceId == deviceId;

    public bool Covers(string deviceId, DateTimeOffset at) => Concerns(deviceId) && at >= From && at < Until;
}
