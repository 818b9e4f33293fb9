namespace Fajma.Server.Ingestion;

/// <summary>The answer to an accepted message: <c>stored</c>, or <c>duplicate</c> (already stored; acknowledged again).</summary>
public sealed record IngestReceipt(string MessageId, string Status, int Observations);
