namespace Fajma.Server.Devices;

/// <summary>Provisions a device for a patient: the answer carries its certificate, key and secret.</summary>
public sealed record RegisterDeviceRequest(string Id, string Type, int PatientId);
