namespace Fajma.Cli.Bench;

/// <summary>What the alert benchmark reads of an <c>alert</c> event.</summary>
/// <param name="RaisedAt">The server's clock when it raised the alert; for a device's own alert, when its message reached the server.</param>
internal sealed record BenchAlert(Guid Id, int? PatientId, string Rule, string Event, DateTimeOffset RaisedAt);
