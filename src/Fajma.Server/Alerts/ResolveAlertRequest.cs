namespace Fajma.Server.Alerts;

/// <summary>
/// Resolving by hand says why: what was done, or why the alert was not real — and, optionally (older clients leave it
/// out), whether it was <c>actionable</c> or <c>not_actionable</c>, which the alarm burden counts.
/// </summary>
public sealed record ResolveAlertRequest(string? Note, string? Outcome = null);
