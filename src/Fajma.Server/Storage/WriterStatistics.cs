namespace Fajma.Server.Storage;

/// <summary>Running totals of the group-commit writer (commits, messages, time spent committing).</summary>
public sealed class WriterStatistics
{
    private long _commits;
    private long _writes;
    private long _ticks;

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
