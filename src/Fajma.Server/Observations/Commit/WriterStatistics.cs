using System.Diagnostics.Metrics;

namespace Fajma.Server.Observations.Commit;

/// <summary>Running totals of the group-commit writer (commits, messages, time spent committing), exported as meter <c>Fajma.Storage</c>.</summary>
public sealed class WriterStatistics
{
    public const string MeterName = "Fajma.Storage";

    private readonly KeyValuePair<string, object?> _node;
    private long _commits;
    private long _writes;
    private long _ticks;

    public WriterStatistics(IMeterFactory meters, Platform.NodeIdentity node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node.Label;
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("fajma.writer.commits", () => new Measurement<long>(Commits, _node), description: "Group commits");
        meter.CreateObservableCounter("fajma.writer.writes", () => new Measurement<long>(Writes, _node), description: "Messages and dead letters written");
        meter.CreateObservableCounter("fajma.writer.busy", () => new Measurement<double>(TimeCommitting.TotalSeconds, _node), unit: "s", description: "Time spent writing and committing");
    }

    public long Commits => Interlocked.Read(ref _commits);

    public long Writes => Interlocked.Read(ref _writes);

    public TimeSpan TimeCommitting => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public double AverageBatch => Commits == 0 ? 0 : (double)Writes / Commits;

    internal void Record(int writes, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, writes);
        Interlocked.Add(ref _ticks, elapsed.Ticks);
    }
}
