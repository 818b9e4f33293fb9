namespace Fajma.Server.Alerts;

/// <summary>Resolving by hand says why: what was done, or why the alert was not real.</summary>
public sealed record ResolveAlertRequest(string? Note);
