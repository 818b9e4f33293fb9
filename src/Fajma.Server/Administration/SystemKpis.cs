namespace Fajma.Server.Administration;

/// <summary>The system page's data: the last hour per minute (oldest first) and the hour as a whole, as seen by <see cref="Node"/>.</summary>
public sealed record SystemKpis(string Node, DateTimeOffset From, DateTimeOffset To, KpiPoint Hour, IReadOnlyList<KpiPoint> Minutes);
