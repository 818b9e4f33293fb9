namespace Fajma.Core.Triage;

/// <summary>
/// The arithmetic of the triage board's 24-hour window: how long a patient spent out of range (the union of intervals,
/// so two alerts open at once count once) and how much of the window their devices covered (slots with a reading).
/// </summary>
public static class TriageWindow
{
    /// <summary>The board looks back this far.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    /// <summary>Coverage counts 5-minute slots: a monitor reading every few seconds and a cuff every 5 minutes both fill them.</summary>
    public static readonly TimeSpan Slot = TimeSpan.FromMinutes(5);

    /// <summary>Slots per hour, for the hour-by-hour coverage strip.</summary>
    public static readonly int SlotsPerHour = (int)(TimeSpan.FromHours(1) / Slot);

    /// <summary>
    /// The total length of the union of <paramref name="intervals"/>, clipped to [<paramref name="from"/>, <paramref name="to"/>);
    /// an interval still going on runs to <paramref name="to"/>.
    /// </summary>
    public static TimeSpan Union(IEnumerable<TimeInterval> intervals, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var clipped = intervals
            .Select(i => (From: Max(i.From, from), To: Min(i.To ?? to, to)))
            .Where(i => i.To > i.From)
            .OrderBy(i => i.From);
        var total = TimeSpan.Zero;
        DateTimeOffset? start = null, end = null;
        foreach (var (f, t) in clipped)
        {
            if (end is { } e && f <= e)
            {
                if (t > e) end = t;
                continue;
            }
            if (start is { } s) total += end!.Value - s;
            (start, end) = (f, t);
        }
        if (start is { } last) total += end!.Value - last;
        return total;
    }

    /// <summary>The index of the <see cref="Slot"/> that holds <paramref name="at"/>, counted from the Unix epoch (what the store groups by).</summary>
    public static long SlotOf(DateTimeOffset at) => Math.DivRem(at.ToUnixTimeMilliseconds(), (long)Slot.TotalMilliseconds, out var r) - (r < 0 ? 1 : 0);

    /// <summary>
    /// Share of the window's slots holding at least one reading, and the same per hour, oldest hour first. The window's
    /// last slot is the one under way just before <paramref name="to"/>; <paramref name="slots"/> are epoch slot indexes
    /// (<see cref="SlotOf"/>), any order, duplicates and slots outside the window ignored.
    /// </summary>
    public static SlotCoverage Coverage(IEnumerable<long> slots, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(slots);
        var count = (int)(Length / Slot);
        var last = SlotOf(to.AddMilliseconds(-1));
        var first = last - count + 1;
        var filled = new bool[count];
        foreach (var slot in slots)
            if (slot >= first && slot <= last) filled[slot - first] = true;
        var hours = new double[count / SlotsPerHour];
        for (var h = 0; h < hours.Length; h++)
            hours[h] = (double)filled.Skip(h * SlotsPerHour).Take(SlotsPerHour).Count(f => f) / SlotsPerHour;
        return new SlotCoverage((double)filled.Count(f => f) / count, hours);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
