namespace Fajma.Server.Privacy;

/// <summary>Newest first; pass <see cref="NextBefore"/> as <c>before</c> for older entries.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryDto> Items, long? NextBefore);
