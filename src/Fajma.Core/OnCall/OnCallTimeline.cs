using NodaTime;
using NodaTime.TimeZones;

namespace Fajma.Core.OnCall;

/// <summary>
/// Who is on call when, from a <see cref="RotaSchedule"/> alone (pure: the caller passes the instant, so a fake clock
/// is just an instant). Handovers happen at the zone's wall time, so across a daylight-saving change the shift that
/// spans it is an hour shorter or longer. A handover time that does not exist that day (in the hour skipped in spring)
/// happens when the clocks jump (02:30 in Europe/Paris becomes 03:00 summer time), so handovers stay in order even when
/// one falls in the gap and the next just after it; a time that happens twice (autumn) is taken at its first occurrence.
/// </summary>
public static class OnCallTimeline
{
    /// <summary>How far ahead <see cref="At"/> looks for whoever comes next: long enough for a weekly rota with overrides.</summary>
    public static readonly Duration Horizon = Duration.FromDays(62);

    /// <summary>The wall time of handover <paramref name="n"/> (0 = the first).</summary>
    public static LocalDateTime HandoverLocal(RotaSchedule rota, long n)
    {
        ArgumentNullException.ThrowIfNull(rota);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var perCycle = rota.HandoverTimes.Count;
        var k = FirstIndex(rota) + n;
        return rota.FirstHandover.Date.PlusDays(checked((int)(k / perCycle * rota.CycleDays))) + rota.HandoverTimes[(int)(k % perCycle)];
    }

    /// <summary>The instant of handover <paramref name="n"/>: its wall time in the rota's zone (see the class remarks).</summary>
    public static Instant Handover(RotaSchedule rota, long n) =>
        rota.Zone.ResolveLocal(HandoverLocal(rota, n), s_inOrder).ToInstant();

    // NodaTime's lenient resolver shifts a skipped time by the gap (02:30 → 03:30), past a 03:00 handover that follows
    // it: shifts would overlap. Mapping the gap to its end keeps wall-time order.
    private static readonly ZoneLocalMappingResolver s_inOrder =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The rotation shift under way at <paramref name="at"/> (the last handover at or before it); null before the first.</summary>
    public static long? ShiftAt(RotaSchedule rota, Instant at)
    {
        ArgumentNullException.ThrowIfNull(rota);
        if (Handover(rota, 0) > at) return null;
        var local = at.InZone(rota.Zone).LocalDateTime;
        var days = Period.Between(rota.FirstHandover.Date, local.Date, PeriodUnits.Days).Days;
        // An estimate from the wall date, a cycle early, then walked forward: the wall time decides, not elapsed hours.
        var cycles = (long)Math.Floor(days / (double)rota.CycleDays) - 1;
        var n = Math.Max(0, cycles * rota.HandoverTimes.Count - FirstIndex(rota));
        while (n > 0 && Handover(rota, n) > at) n--;
        while (Handover(rota, n + 1) <= at) n++;
        return n;
    }

    /// <summary>
    /// Who is on call from <paramref name="from"/> to <paramref name="to"/>: the rotation with overrides laid over it,
    /// consecutive spans of one doctor merged (a span that runs past <paramref name="to"/> ends at its shift's end).
    /// The first span may have begun before <paramref name="from"/>; gaps (no member, before the start) are left out.
    /// </summary>
    public static IReadOnlyList<OnCallSpan> Between(RotaSchedule rota, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(rota);
        var spans = new List<OnCallSpan>();
        foreach (var (doctor, start, end) in Shifts(rota, from, to))
        {
            foreach (var piece in Overlay(rota, doctor, start, end))
            {
                if (piece.End <= from) continue;
                if (spans.Count > 0 && spans[^1] is var last && last.DoctorId == piece.DoctorId && last.End == piece.Start)
                    spans[^1] = last with { End = piece.End, Covering = last.Covering || piece.Covering };
                else spans.Add(piece);
            }
        }
        return spans;
    }

    /// <summary>Who is on call at <paramref name="at"/>, and who takes over after them.</summary>
    public static OnCallAnswer At(RotaSchedule rota, Instant at)
    {
        var spans = Between(rota, at, at + Horizon);
        var now = spans.FirstOrDefault(s => s.Contains(at));
        var after = now?.End ?? at;
        return new OnCallAnswer(now, spans.FirstOrDefault(s => s.Start >= after && s != now));
    }

    private static int FirstIndex(RotaSchedule rota)
    {
        for (var i = 0; i < rota.HandoverTimes.Count; i++)
            if (rota.HandoverTimes[i] == rota.FirstHandover.TimeOfDay) return i;
        throw new InvalidOperationException("unreachable: checked by RotaSchedule");
    }

    /// <summary>The rotation's shifts touching [from, to); doctor null where no one rotates (before the start, an empty rota).</summary>
    private static IEnumerable<(int? Doctor, Instant Start, Instant End)> Shifts(RotaSchedule rota, Instant from, Instant to)
    {
        if (rota.Members.Count == 0)
        {
            yield return (null, Instant.MinValue, Instant.MaxValue);
            yield break;
        }
        var first = Handover(rota, 0);
        if (from < first) yield return (null, Instant.MinValue, first);
        for (var n = ShiftAt(rota, from) ?? 0; ; n++)
        {
            var (start, end) = (Handover(rota, n), Handover(rota, n + 1));
            if (start >= to) yield break;
            if (end > start) yield return (rota.Members[(int)(n % rota.Members.Count)], start, end);
        }
    }

    /// <summary>One shift cut where overrides begin and end; each piece is the override's doctor or the shift's.</summary>
    private static IEnumerable<OnCallSpan> Overlay(RotaSchedule rota, int? doctor, Instant start, Instant end)
    {
        var cuts = new SortedSet<Instant> { start, end };
        foreach (var o in rota.Overrides)
        {
            if (o.From > start && o.From < end) cuts.Add(o.From);
            if (o.To > start && o.To < end) cuts.Add(o.To);
        }
        Instant? previous = null;
        foreach (var cut in cuts)
        {
            if (previous is { } a)
            {
                var cover = rota.Overrides.FirstOrDefault(o => o.Covers(a));
                if (cover is not null) yield return new OnCallSpan(cover.DoctorId, a, cut, Covering: true);
                else if (doctor is { } d) yield return new OnCallSpan(d, a, cut, Covering: false);
            }
            previous = cut;
        }
    }
}
