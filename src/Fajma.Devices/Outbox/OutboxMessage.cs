namespace Fajma.Devices.Outbox;

/// <summary>
/// One signed message waiting in the outbox. <paramref name="Sequence"/> only grows (SQLite AUTOINCREMENT), so it is the
/// send order; <paramref name="MessageKey"/> is the id the server deduplicates on, which makes a resend harmless.
/// </summary>
public sealed record OutboxMessage(long Sequence, string MessageKey, byte[] Body, DateTimeOffset EnqueuedAt);
