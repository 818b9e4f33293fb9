using CsCheck;
using Fajma.Core.OnCall;
using NodaTime;

namespace Fajma.Core.Tests;

/// <summary>
/// Whatever the zone (with and without daylight saving, half-hour changes included), the rota and the instant: someone
/// is on call at every instant after the start, it is the member whose turn it is, and every handover is at a handover
/// time on the zone's wall clock (or just after a skipped hour).
/// </summary>
public sealed class OnCallTimelinePropertyTests
{
    private static readonly string[] s_zones = ["Europe/Paris", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Etc/UTC", "Asia/Kolkata"];

    private static readonly Gen<RotaSchedule> s_rota = Gen.Select(
        Gen.Int[0, s_zones.Length - 1].Select(i => s_zones[i]), Gen.Int[1, 9].Array[1, 6], Gen.Int[0, 3 * 365], Gen.Int[0, 3].Select(i => new[] { 1, 2, 7, 14 }[i]),
        Gen.Int[0, 47].HashSet[1, 3],
        (zone, members, day, cycle, halfHours) =>
        {
            var times = halfHours.Order().Select(h => new LocalTime(h / 2, h % 2 * 30)).ToArray();
            var first = new LocalDate(2025, 1, 1).PlusDays(day) + times[0];
            return new RotaSchedule(DateTimeZoneProviders.Tzdb[zone], members, first, times.Length > 1 ? 1 : cycle, times);
        });

    private static Gen<(RotaSchedule Rota, Instant At)> RotaAndInstantAfterStart =>
        s_rota.SelectMany(rota => Gen.Long[0, Duration.FromDays(400).ToInt64Nanoseconds() / 1_000_000_000]
            .Select(seconds => (rota, OnCallTimeline.Handover(rota, 0) + Duration.FromSeconds(seconds))));

    [Fact]
    public void AfterTheStartTheMemberWhoseTurnItIsIsOnCall() =>
        RotaAndInstantAfterStart.Sample((rota, at) =>
        {
            var shift = OnCallTimeline.ShiftAt(rota, at)!.Value;
            var answer = OnCallTimeline.At(rota, at);

            Assert.True(OnCallTimeline.Handover(rota, shift) <= at && at < OnCallTimeline.Handover(rota, shift + 1));
            Assert.NotNull(answer.Now);
            Assert.True(answer.Now.Contains(at));
            Assert.Equal(rota.Members[(int)(shift % rota.Members.Count)], answer.Now.DoctorId);
        }, iter: 500);

    [Fact]
    public void EveryHandoverIsAtAHandoverTimeOnTheWallClockOrJustAfterASkippedHour() =>
        Gen.Select(s_rota, Gen.Int[0, 800]).Sample((rota, n) =>
        {
            var local = OnCallTimeline.HandoverLocal(rota, n);
            var wall = OnCallTimeline.Handover(rota, n).InZone(rota.Zone).LocalDateTime;
            var skipped = rota.Zone.MapLocal(local).Count == 0;

            Assert.Contains(local.TimeOfDay, rota.HandoverTimes);
            Assert.True(skipped ? wall > local && Period.Between(local, wall, PeriodUnits.Minutes).Minutes <= 120 : wall == local, $"{local} became {wall}");
            Assert.True(OnCallTimeline.Handover(rota, n) <= OnCallTimeline.Handover(rota, n + 1));
        }, iter: 1000);

    [Fact]
    public void TheSpansOfAPeriodFollowOneAnotherWithADifferentDoctorAtEachChange() =>
        RotaAndInstantAfterStart.Sample((rota, from) =>
        {
            var spans = OnCallTimeline.Between(rota, from, from + Duration.FromDays(15));

            Assert.True(spans[0].Contains(from));
            for (var i = 1; i < spans.Count; i++)
            {
                Assert.Equal(spans[i - 1].End, spans[i].Start);
                Assert.NotEqual(spans[i - 1].DoctorId, spans[i].DoctorId);
            }
            Assert.True(spans[^1].End >= from + Duration.FromDays(15));
        }, iter: 300);

    [Fact]
    public void AnOverrideHoldsEveryInstantItCoversAndNoOther() =>
        Gen.Select(RotaAndInstantAfterStart, Gen.Int[1, 72], Gen.Int[-48, 48]).Sample((pair, hours, probe) =>
        {
            var (rota, from) = pair;
            var cover = new RotaOverride(99, from, from + Duration.FromHours(hours));
            var covered = new RotaSchedule(rota.Zone, rota.Members, rota.FirstHandover, rota.CycleDays, rota.HandoverTimes, [cover]);
            var at = from + Duration.FromHours(probe) + Duration.FromMinutes(17);

            var doctor = OnCallTimeline.At(covered, at).Now?.DoctorId;

            if (cover.Covers(at)) Assert.Equal(99, doctor);
            else Assert.Equal(OnCallTimeline.At(rota, at).Now?.DoctorId, doctor);
        }, iter: 500);
}
