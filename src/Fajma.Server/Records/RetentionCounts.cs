namespace Fajma.Server.Records;

/// <summary>What one retention sweep removed, and how many erased patients' data keys it shredded.</summary>
public sealed record RetentionCounts(long Observations, long DeadLetters, long ChatMessages, int KeysShredded);
