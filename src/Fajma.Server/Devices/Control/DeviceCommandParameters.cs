namespace Fajma.Server.Devices.Control;

/// <summary>What a command carries: the interval of <c>set_sampling_rate</c>, the sensor and reference of <c>calibrate</c>.</summary>
public sealed record DeviceCommandParameters(int? IntervalMs, string? Sensor, double? Reference);
