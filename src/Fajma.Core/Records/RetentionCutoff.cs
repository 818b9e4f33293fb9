namespace Fajma.Core.Records;

/// <summary>The retention sweep's arithmetic: what is older than a kept period is purged; a period of zero keeps for ever.</summary>
public static class RetentionCutoff
{
    /// <summary>The instant before which rows go, or null when <paramref name="keep"/> is zero (kept for ever).</summary>
    public static DateTimeOffset? Before(DateTimeOffset now, TimeSpan keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, TimeSpan.Zero);
        return keep == TimeSpan.Zero ? null : now - keep;
    }
}
