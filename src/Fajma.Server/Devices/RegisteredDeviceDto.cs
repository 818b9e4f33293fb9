namespace Fajma.Server.Devices;

/// <summary>A newly registered device and its secret (base64url) — shown this once; the server keeps it only encrypted.</summary>
public sealed record RegisteredDeviceDto(DeviceDto Device, string Secret);
