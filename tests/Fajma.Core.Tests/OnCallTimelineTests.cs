using Fajma.Core.OnCall;
using NodaTime;
using NodaTime.Text;

namespace Fajma.Core.Tests;

/// <summary>Who is on call, by table: handovers at the rota zone's wall time, including both daylight-saving changes of 2026 in Paris.</summary>
public sealed class OnCallTimelineTests
{
    private static readonly DateTimeZone s_paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    private static Instant At(string utc) => InstantPattern.General.Parse(utc).Value;

    private static RotaSchedule Daily(string firstHandover, string time = "08:00", params RotaOverride[] overrides) => new(
        s_paris, [1, 2, 3], LocalDateTimePattern.GeneralIso.Parse(firstHandover).Value, 1,
        [LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(time).Value], overrides);

    [Theory]
    // 27 March 08:00 CET = 07:00Z: doctor 1; 28 March doctor 2; 29 March (CEST from 02:00) 08:00 local = 06:00Z: doctor 3.
    [InlineData("2026-03-27T07:00:00Z", 1)]
    [InlineData("2026-03-28T06:59:59Z", 1)]
    [InlineData("2026-03-28T07:00:00Z", 2)]
    [InlineData("2026-03-29T05:59:59Z", 2)]
    [InlineData("2026-03-29T06:00:00Z", 3)]
    [InlineData("2026-03-30T06:00:00Z", 1)]
    public void ADailyHandoverStaysAtEightLocalAcrossTheSpringChange(string at, int doctor) =>
        Assert.Equal(doctor, OnCallTimeline.At(Daily("2026-03-27T08:00:00"), At(at)).Now?.DoctorId);

    [Fact]
    public void TheShiftAcrossTheSpringChangeLasts23HoursAndTheAutumnOne25()
    {
        var spring = OnCallTimeline.At(Daily("2026-03-27T08:00:00"), At("2026-03-28T12:00:00Z")).Now!;
        var autumn = OnCallTimeline.At(Daily("2026-10-23T08:00:00"), At("2026-10-24T12:00:00Z")).Now!;

        Assert.Equal(Duration.FromHours(23), spring.End - spring.Start);
        Assert.Equal(At("2026-03-29T06:00:00Z"), spring.End);
        Assert.Equal(Duration.FromHours(25), autumn.End - autumn.Start);
        Assert.Equal(At("2026-10-25T07:00:00Z"), autumn.End);
    }

    [Fact]
    public void AHandoverInTheSkippedHourHappensWhenTheClocksJump()
    {
        // 02:30 does not exist in Paris on 29 March 2026: clocks go from 02:00 CET to 03:00 CEST at 01:00Z.
        var rota = Daily("2026-03-28T02:30:00", "02:30");

        Assert.Equal(new LocalDateTime(2026, 3, 29, 2, 30), OnCallTimeline.HandoverLocal(rota, 1));
        Assert.Equal(At("2026-03-29T01:00:00Z"), OnCallTimeline.Handover(rota, 1));
        Assert.Equal(1, OnCallTimeline.At(rota, At("2026-03-29T00:59:59Z")).Now?.DoctorId);
        Assert.Equal(2, OnCallTimeline.At(rota, At("2026-03-29T01:00:00Z")).Now?.DoctorId);
    }

    [Fact]
    public void AHandoverInTheSkippedHourAndOneJustAfterItDoNotOverlap()
    {
        // Found by the property test (Sydney, 1 October 2028): 02:30 moved by the whole gap landed at 03:30, after the
        // 03:00 handover that follows it, and two doctors' spans overlapped by half an hour.
        var rota = new RotaSchedule(s_paris, [1, 2, 3], new LocalDateTime(2026, 3, 28, 2, 30), 1, [new LocalTime(2, 30), new LocalTime(3, 0)]);

        var spans = OnCallTimeline.Between(rota, At("2026-03-28T12:00:00Z"), At("2026-03-29T12:00:00Z"));

        for (var i = 1; i < spans.Count; i++) Assert.Equal(spans[i - 1].End, spans[i].Start);
        Assert.Equal(At("2026-03-29T01:00:00Z"), spans[0].End);
        // Doctor 3's shift, 02:30 to 03:00 on a night with no 02:30, lasts no time: doctor 1 takes over from doctor 2.
        Assert.Equal([2, 1], spans.Take(2).Select(s => s.DoctorId));
    }

    [Fact]
    public void AHandoverInTheRepeatedHourHappensAtItsFirstOccurrence()
    {
        // 02:30 happens twice in Paris on 25 October 2026: first in CEST (00:30Z), then in CET (01:30Z).
        var rota = Daily("2026-10-24T02:30:00", "02:30");

        Assert.Equal(At("2026-10-25T00:30:00Z"), OnCallTimeline.Handover(rota, 1));
        Assert.Equal(Duration.FromHours(25), OnCallTimeline.Handover(rota, 2) - OnCallTimeline.Handover(rota, 1));
    }

    [Theory]
    [InlineData("2026-06-01T05:59:59Z", 2)] // 07:59 CEST on the 1st: still the night shift that began on 31 May at 20:00
    [InlineData("2026-06-01T06:00:00Z", 3)] // 08:00 CEST: day shift
    [InlineData("2026-06-01T18:00:00Z", 1)] // 20:00 CEST: night shift
    public void TwelveHourShiftsHandOverAtBothLocalTimes(string at, int doctor)
    {
        var rota = new RotaSchedule(s_paris, [1, 2, 3], new LocalDateTime(2026, 5, 31, 8, 0), 1, [new LocalTime(20, 0), new LocalTime(8, 0)]);
        Assert.Equal(doctor, OnCallTimeline.At(rota, At(at)).Now?.DoctorId);
    }

    [Fact]
    public void AWeeklyRotaHandsOverEverySeventhDayAtTheSameWallTime()
    {
        var rota = new RotaSchedule(s_paris, [7, 8], new LocalDateTime(2026, 3, 23, 8, 0), 7, [new LocalTime(8, 0)]);

        var week = OnCallTimeline.At(rota, At("2026-03-25T12:00:00Z"));

        Assert.Equal(7, week.Now!.DoctorId);
        Assert.Equal(At("2026-03-30T06:00:00Z"), week.Now.End); // Monday 30 March 08:00 CEST
        Assert.Equal(Duration.FromHours(7 * 24 - 1), week.Now.End - week.Now.Start);
        Assert.Equal(8, week.Next!.DoctorId);
    }

    [Fact]
    public void AnOverrideCoversPartOfAShiftAndTheRotationResumesAfterIt()
    {
        var cover = new RotaOverride(9, At("2026-06-02T10:00:00Z"), At("2026-06-02T14:00:00Z"));
        var rota = Daily("2026-06-01T08:00:00", "08:00", cover);

        var before = OnCallTimeline.At(rota, At("2026-06-02T09:00:00Z"));
        var during = OnCallTimeline.At(rota, At("2026-06-02T11:00:00Z"));
        var after = OnCallTimeline.At(rota, At("2026-06-02T14:00:00Z"));

        Assert.Equal((2, 9), (before.Now!.DoctorId, before.Next!.DoctorId));
        Assert.Equal(At("2026-06-02T10:00:00Z"), before.Now.End);
        Assert.True(during.Now!.Covering);
        Assert.Equal((9, 2), (during.Now.DoctorId, during.Next!.DoctorId));
        Assert.Equal((2, At("2026-06-03T06:00:00Z")), (after.Now!.DoctorId, after.Now.End));
    }

    [Fact]
    public void AnOverrideByTheDoctorWhoseShiftFollowsMergesIntoOneSpan()
    {
        var cover = new RotaOverride(3, At("2026-06-02T20:00:00Z"), At("2026-06-03T06:00:00Z"));
        var rota = Daily("2026-06-01T08:00:00", "08:00", cover);

        var during = OnCallTimeline.At(rota, At("2026-06-02T21:00:00Z")).Now!;

        Assert.Equal((3, At("2026-06-04T06:00:00Z")), (during.DoctorId, during.End));
    }

    [Fact]
    public void NoOneIsOnCallBeforeTheFirstHandoverButTheFirstMemberIsNext()
    {
        var answer = OnCallTimeline.At(Daily("2026-06-01T08:00:00"), At("2026-05-31T12:00:00Z"));

        Assert.Null(answer.Now);
        Assert.Equal((1, At("2026-06-01T06:00:00Z")), (answer.Next!.DoctorId, answer.Next.Start));
    }

    [Fact]
    public void ARotaWithoutMembersHasOnlyItsOverridesOnCall()
    {
        var cover = new RotaOverride(5, At("2026-06-02T10:00:00Z"), At("2026-06-02T14:00:00Z"));
        var rota = new RotaSchedule(s_paris, [], new LocalDateTime(2026, 6, 1, 8, 0), 1, [new LocalTime(8, 0)], [cover]);

        Assert.Null(OnCallTimeline.At(rota, At("2026-06-02T09:00:00Z")).Now);
        Assert.Equal(5, OnCallTimeline.At(rota, At("2026-06-02T09:00:00Z")).Next?.DoctorId);
        Assert.Equal(5, OnCallTimeline.At(rota, At("2026-06-02T10:00:00Z")).Now?.DoctorId);
    }

    [Fact]
    public void AFirstHandoverOffTheHandoverTimesIsRefused() =>
        Assert.Throws<ArgumentException>(() => new RotaSchedule(s_paris, [1], new LocalDateTime(2026, 6, 1, 9, 0), 1, [new LocalTime(8, 0)]));
}
