namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// Tests that read /metrics exactly run alone. OpenTelemetry subscribes to meters by name, so every host in the test
/// process feeds every host's Fajma instruments into one metric, and when any other host stops, its instruments' end
/// takes that shared metric out of every host's export. One host per process (production) never meets this.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsRunAlone
{
    public const string Name = "metrics";
}
