namespace Fajma.Server.Ingestion;

/// <summary>Per-item results of a phone's batch, in the batch's order. Each item is stored or refused on its own.</summary>
public sealed record MobileBatchReceipt(int Stored, int Duplicates, int Rejected, IReadOnlyList<MobileItemResult> Results);
