namespace Fajma.Server.Alerts;

/// <summary>
/// What happened to an alert, as one node tells the others (<see cref="Platform.Cluster.ClusterBus"/>): the alert as
/// its screens see it, whom it pages, and the care team behind the paging, so every node can show it, fold into it,
/// acknowledge it and escalate it.
/// </summary>
public sealed record AlertChange(AlertDto Alert, IReadOnlyList<int> Paged, bool AdminsPaged, IReadOnlyList<int> CareTeam, string? SourceMessageId);
