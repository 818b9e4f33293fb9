namespace Fajma.Core.Crypto;

/// <summary>What binds a sealed observation to its row: the columns stored beside it in plaintext.</summary>
public readonly record struct ObservationIdentity(int PatientId, string DeviceId, string Type, long MeasuredAtUnixMs);
