namespace Fajma.Server.Devices.Control;

/// <summary>
/// <c>POST /api/v1/iot/sensors/{id}/control/</c>. <see cref="Action"/>: start, stop, set_sampling_rate, read_now, reboot.
/// A new rate is either <see cref="SamplingIntervalMs"/> or <see cref="RateMultiplier"/> (0.5, 1 or 2 × the device's nominal rate).
/// </summary>
public sealed record ControlRequest(string? Action, int? SamplingIntervalMs = null, double? RateMultiplier = null, int? TtlSeconds = null);
