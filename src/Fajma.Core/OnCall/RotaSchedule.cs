using NodaTime;

namespace Fajma.Core.OnCall;

/// <summary>
/// A named rota's rule: members take shifts in turn, one after the other, in <see cref="Zone"/>'s wall time. Shifts
/// hand over at each of <see cref="HandoverTimes"/> (local), the set repeating every <see cref="CycleDays"/> days: one time
/// and 1 or 7 days for daily or weekly shifts, two times and 1 day for 12-hour shifts. The first shift starts at
/// <see cref="FirstHandover"/> (local; its time is one of the handover times). Overrides cover over the rotation.
/// </summary>
public sealed record RotaSchedule
{
    public RotaSchedule(DateTimeZone zone, IReadOnlyList<int> members, LocalDateTime firstHandover, int cycleDays,
        IReadOnlyList<LocalTime> handoverTimes, IReadOnlyList<RotaOverride>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(handoverTimes);
        ArgumentOutOfRangeException.ThrowIfLessThan(cycleDays, 1);
        if (handoverTimes.Count == 0) throw new ArgumentException("A rota needs at least one handover time.", nameof(handoverTimes));
        var times = handoverTimes.Distinct().Order().ToArray();
        if (times.Length != handoverTimes.Count) throw new ArgumentException("Handover times repeat.", nameof(handoverTimes));
        if (Array.IndexOf(times, firstHandover.TimeOfDay) < 0)
            throw new ArgumentException("The first handover is not at one of the handover times.", nameof(firstHandover));
        (Zone, Members, FirstHandover, CycleDays, HandoverTimes) = (zone, [.. members], firstHandover, cycleDays, times);
        Overrides = [.. (overrides ?? []).OrderBy(o => o.From)];
    }

    public DateTimeZone Zone { get; }

    /// <summary>Doctors in rotation order; a doctor may appear more than once (two shifts in a turn).</summary>
    public IReadOnlyList<int> Members { get; }

    public LocalDateTime FirstHandover { get; }

    public int CycleDays { get; }

    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<LocalTime> HandoverTimes { get; }

    /// <summary>Sorted by start. Where two overlap (the server refuses that) the one starting first holds the overlap.</summary>
    public IReadOnlyList<RotaOverride> Overrides { get; }
}
