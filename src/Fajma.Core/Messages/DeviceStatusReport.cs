namespace Fajma.Core.Messages;

/// <summary>
/// What a device says about itself: battery in percent, radio signal in dBm (negative, closer to 0
/// is stronger), and when it was last calibrated.
/// </summary>
public sealed record DeviceStatusReport(int? BatteryLevel, int? SignalStrength, DateTimeOffset? LastCalibration);
