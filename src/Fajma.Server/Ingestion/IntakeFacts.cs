using Fajma.Server.Alerts;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Ingestion;

/// <summary>Intake's answers to <see cref="IIntakeFacts"/>: the configured message age and the live counters.</summary>
internal sealed class IntakeFacts(IngestionMetrics metrics, IOptions<IngestionOptions> options) : IIntakeFacts
{
    public TimeSpan MaxMessageAge => options.Value.MaxMessageAge;

    public long StoredTotal => metrics.StoredTotal;

    public long RejectedTotal => metrics.RejectedTotal;

    public (TimeSpan Total, long Count) Latency => metrics.Latency;
}
