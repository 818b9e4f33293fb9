namespace Fajma.Core.Triage;

/// <summary>A stretch of time from <see cref="From"/> to <see cref="To"/> (exclusive); null <see cref="To"/>: still going on.</summary>
public sealed record TimeInterval(DateTimeOffset From, DateTimeOffset? To);
