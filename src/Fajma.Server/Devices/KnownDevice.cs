namespace Fajma.Server.Devices;

/// <summary>What ingestion needs to know about a device: that it exists, and whose readings it sends.</summary>
public sealed record KnownDevice(string Id, string Type, int? PatientId);
