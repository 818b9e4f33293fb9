namespace Fajma.Server.Monitoring;

/// <summary>Why an admin must read a patient's clinical data (an emergency, a support case): kept in the audit trail.</summary>
public sealed record BreakGlassRequest(string Reason);
