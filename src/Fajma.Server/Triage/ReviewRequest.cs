namespace Fajma.Server.Triage;

/// <summary>Marks a patient reviewed; <see cref="Note"/> is optional (at most <see cref="TriageEndpoints.MaxNote"/> characters).</summary>
public sealed record ReviewRequest(string? Note);
