namespace Fajma.Server.Devices;

/// <summary>What a device said about a command: its broker acknowledged the publish (delivered), or it answered ok / error.</summary>
public sealed record DeviceCommandAck(string DeviceId, Guid CorrelationId, DeviceCommandAckKind Kind, string? Detail);
