using Fajma.Core.Records;

namespace Fajma.Core.Tests;

public sealed class LegalHoldTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string?, int, bool, bool, string?, ErasureGround> Cases() => new()
    {
        // last care, years, erase if never used, permitted, hold ends, ground
        { "2026-11-01T00:00:00Z", 20, true, false, "2046-11-01T00:00:00Z", ErasureGround.InsideHold },
        { "2006-12-03T09:59:59Z", 20, true, true, "2026-12-03T09:59:59Z", ErasureGround.HoldEnded },
        { "2006-12-03T10:00:00Z", 20, true, true, "2026-12-03T10:00:00Z", ErasureGround.HoldEnded },
        { "2006-12-03T10:00:01Z", 20, true, false, "2026-12-03T10:00:01Z", ErasureGround.InsideHold },
        { "2024-02-29T12:00:00Z", 2, true, true, "2026-02-28T12:00:00Z", ErasureGround.HoldEnded },
        { null, 20, true, true, null, ErasureGround.NeverUsedForCare },
        { null, 20, false, false, null, ErasureGround.NeverUsedForCareKept },
        { "2026-11-01T00:00:00Z", 0, false, true, null, ErasureGround.NoLegalPeriod },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnErasureIsPermittedOnlyOutsideTheLegalHold(string? lastCare, int years, bool eraseNeverUsed, bool permitted, string? endsAt, ErasureGround ground)
    {
        var verdict = LegalHold.Decide(lastCare is null ? null : DateTimeOffset.Parse(lastCare, System.Globalization.CultureInfo.InvariantCulture), Now, years, eraseNeverUsed);
        var expectedEnd = endsAt is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(endsAt, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new ErasureVerdict(permitted, expectedEnd, ground), verdict);
    }

    [Fact]
    public void ANegativePeriodIsRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => LegalHold.Decide(Now, Now, -1, true));

    [Fact]
    public void AZeroRetentionKeepsForEverAndAPeriodCutsThatFarBack()
    {
        Assert.Null(RetentionCutoff.Before(Now, TimeSpan.Zero));
        Assert.Equal(Now.AddDays(-30), RetentionCutoff.Before(Now, TimeSpan.FromDays(30)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionCutoff.Before(Now, TimeSpan.FromDays(-1)));
    }
}
