namespace Fajma.Server.Devices.Control;

/// <summary><c>POST /api/v1/iot/sensors/{id}/calibrate/</c>: <see cref="Sensor"/> is heart_rate, spo2 or temperature.</summary>
public sealed record CalibrateRequest(string? Sensor, double? Reference = null, int? TtlSeconds = null);
