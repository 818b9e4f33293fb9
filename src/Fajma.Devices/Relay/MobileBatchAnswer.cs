namespace Fajma.Devices.Relay;

/// <summary>The server's receipt for a relay batch: how many items were stored, duplicates, or refused on their own.</summary>
public sealed record MobileBatchAnswer(int Stored, int Duplicates, int Rejected);
