namespace Fajma.Server.Consultations;

/// <summary>Whether a patient's device answered ACTIVATE_MONITORING: <c>pending</c>, <c>ready</c>, <c>failed</c> or <c>timeout</c>.</summary>
public sealed record DeviceReadinessDto(string DeviceId, string Type, string Status, string? Detail);
