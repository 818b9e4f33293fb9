using Fajma.Core.Triage;

namespace Fajma.Core.Tests;

/// <summary>The triage window's arithmetic: out-of-range time as a union clipped to the window, coverage as filled 5-minute slots.</summary>
public sealed class TriageWindowTests
{
    private static readonly DateTimeOffset s_to = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_from = s_to - TriageWindow.Length;

    /// <summary>Intervals as (minutes before the window's end it started, minutes before the end it stopped; -1 = still open).</summary>
    public static TheoryData<string, (double Start, double Stop)[], double> Unions() => new()
    {
        { "none", [], 0 },
        { "one alert of 30 minutes", [(90, 60)], 30 },
        { "two apart add up", [(90, 60), (30, 20)], 40 },
        { "overlapping count once", [(90, 60), (70, 40)], 50 },
        { "one inside another counts once", [(90, 30), (70, 40)], 60 },
        { "touching ones join", [(90, 60), (60, 30)], 60 },
        { "still open runs to the window's end", [(45, -1)], 45 },
        { "started before the window is clipped to it", [(25 * 60, 23 * 60)], 60 },
        { "wholly before the window counts nothing", [(30 * 60, 25 * 60)], 0 },
        { "open all day is the whole window", [(48 * 60, -1)], 24 * 60 },
    };

    [Theory]
    [MemberData(nameof(Unions))]
    public void TimeOutOfRangeIsTheUnionOfTheIntervalsClippedToTheWindow(string because, (double Start, double Stop)[] intervals, double minutes)
    {
        var list = intervals.Select(i => new TimeInterval(s_to.AddMinutes(-i.Start), i.Stop < 0 ? null : s_to.AddMinutes(-i.Stop)));
        Assert.True(TimeSpan.FromMinutes(minutes) == TriageWindow.Union(list, s_from, s_to), because);
    }

    /// <summary>Readings as minutes before the window's end; the share of 288 five-minute slots with at least one.</summary>
    public static TheoryData<string, double[], double> Coverages() => new()
    {
        { "no reading", [], 0 },
        { "many readings in one slot fill one slot", [1, 1.5, 2, 2.5], 1.0 / 288 },
        { "one reading per slot all day fills them all", [.. Enumerable.Range(0, 288).Select(i => i * 5.0 + 1)], 1 },
        { "every 10 minutes fills half", [.. Enumerable.Range(0, 144).Select(i => i * 10.0 + 1)], 0.5 },
        { "a reading older than the window is ignored", [24 * 60 + 10], 0 },
        { "a reading at the very end belongs to the next window", [0], 0 },
    };

    [Theory]
    [MemberData(nameof(Coverages))]
    public void CoverageIsTheShareOfFiveMinuteSlotsWithAReading(string because, double[] minutesBefore, double share)
    {
        var slots = minutesBefore.Select(m => TriageWindow.SlotOf(s_to.AddMinutes(-m)));
        Assert.True(Math.Abs(share - TriageWindow.Coverage(slots, s_to).Share) < 1e-9, because);
    }

    [Fact]
    public void ANightWithoutDataShowsAsEmptyHoursInTheStrip()
    {
        // Readings every minute, except from 8 hours before the end to 4 hours before.
        var minutes = Enumerable.Range(1, 24 * 60 - 1).Where(m => m <= 4 * 60 || m > 8 * 60).Select(m => s_to.AddMinutes(-m));
        var coverage = TriageWindow.Coverage(minutes.Select(TriageWindow.SlotOf), s_to);

        Assert.Equal(24, coverage.Hours.Count);
        Assert.Equal(20.0 / 24, coverage.Share, 3);
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1], coverage.Hours.Select(h => Math.Round(h, 2)));
    }

    [Fact]
    public void SlotsAreCountedFromTheEpochBeforeItToo()
    {
        Assert.Equal(0, TriageWindow.SlotOf(DateTimeOffset.UnixEpoch));
        Assert.Equal(-1, TriageWindow.SlotOf(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
        Assert.Equal(1, TriageWindow.SlotOf(DateTimeOffset.UnixEpoch.AddMinutes(5)));
    }
}
