namespace Fajma.Server.Platform;

/// <summary>Configuration section <c>Observability</c>.</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>How often the fleet gauges (devices, consultations) are read from the store: a scrape never waits on a query.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
