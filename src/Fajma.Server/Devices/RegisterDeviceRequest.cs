namespace Fajma.Server.Devices;

/// <summary>Registers a device for a patient. Certificates and secrets come with provisioning (next stage).</summary>
public sealed record RegisterDeviceRequest(string Id, string Type, int PatientId);
