namespace Fajma.Cli.Bench;

/// <summary>The two fields of an <c>observation</c> event the benchmark needs; the rest is not deserialized.</summary>
internal sealed record BenchObservation(string DeviceId, string MessageId);
