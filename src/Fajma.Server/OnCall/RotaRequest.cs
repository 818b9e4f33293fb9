namespace Fajma.Server.OnCall;

/// <summary>
/// A rota as the admin edits it. <see cref="FirstHandover"/> is a wall time without offset ("2026-03-27T08:00"), read in
/// <see cref="TimeZone"/>; its time is one of <see cref="HandoverTimes"/> ("HH:mm"). Members take shifts in this order.
/// </summary>
public sealed record RotaRequest(string Name, string TimeZone, string FirstHandover, IReadOnlyList<string> HandoverTimes, int CycleDays,
    IReadOnlyList<int> Members);
