namespace Fajma.Server.Devices;

/// <summary>What ingestion needs to know about a device: that it exists, and whose readings it sends.</summary>
/// <remarks><paramref name="Secret"/> checks the device's message signatures; null for a device never provisioned with one.</remarks>
public sealed record KnownDevice(string Id, string Type, int? PatientId, byte[]? Secret, string? CertificateThumbprint = null);
