namespace Fajma.Server.Triage;

/// <summary>The caller's patients, most in need of a look first, over the window [<see cref="From"/>, <see cref="At"/>); NEWS2 compared with <see cref="News2ComparedWith"/>.</summary>
public sealed record TriageBoardDto(DateTimeOffset At, DateTimeOffset From, DateTimeOffset News2ComparedWith, IReadOnlyList<TriageRowDto> Patients);
