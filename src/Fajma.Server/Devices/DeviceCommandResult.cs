using Fajma.Core.Consultations;

namespace Fajma.Server.Devices;

/// <summary>Where a command ended: its device, final status and what the device (or the timeout) said.</summary>
public sealed record DeviceCommandResult(string DeviceId, string DeviceType, DeviceCommandStatus Status, string? Detail);
