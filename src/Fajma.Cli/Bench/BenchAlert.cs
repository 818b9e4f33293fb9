namespace Fajma.Cli.Bench;

/// <summary>What the alert benchmark reads of an <c>alert</c> event.</summary>
internal sealed record BenchAlert(Guid Id, int? PatientId, string Rule, string Event);
