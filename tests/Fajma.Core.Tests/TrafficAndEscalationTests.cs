using Fajma.Core.Alerts;
using Fajma.Core.Messages;
using Fajma.Core.Traffic;
using Fajma.Core.Vitals;

namespace Fajma.Core.Tests;

public sealed class TrafficAndEscalationTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

    private static DeviceReading Reading(string type, params Measurement[] measurements) =>
        new(WireFormat.Standard, "D-1", "m-1", type, s_now, null, null, measurements, null, null);

    [Fact]
    public void EachMessageTravelsInItsSeedClass()
    {
        Assert.Equal(TrafficClass.CriticalAlert, TrafficClassifier.Of(Reading(MessageTypes.CriticalAlert), s_now));
        Assert.Equal(TrafficClass.DeviceStatus, TrafficClassifier.Of(Reading(MessageTypes.DeviceStatus), s_now));
        Assert.Equal(TrafficClass.VitalSigns, TrafficClassifier.Of(Reading(MessageTypes.VitalSigns, new Measurement(VitalSignType.HeartRate, 80)), s_now));
    }

    [Fact]
    public void ABacklogMeasuredLongBeforeItArrivesIsHistoryNotLive()
    {
        var old = new Measurement(VitalSignType.HeartRate, 150, MeasuredAt: s_now - TimeSpan.FromMinutes(10));
        var fresh = old with { MeasuredAt = s_now - TimeSpan.FromSeconds(5) };

        Assert.Equal(TrafficClass.HistoricalData, TrafficClassifier.Of(Reading(MessageTypes.VitalSigns, old), s_now));
        Assert.Equal(TrafficClass.VitalSigns, TrafficClassifier.Of(Reading(MessageTypes.VitalSigns, old, fresh), s_now));
        Assert.Equal(TrafficClass.VitalSigns, TrafficClassifier.Of(Reading(MessageTypes.VitalSigns, fresh, old), s_now)); // the newest, wherever it is
    }

    [Fact]
    public void SeedBudgetsAreTheDefaults()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), TrafficBudget.For(TrafficClass.CriticalAlert).Latency);
        Assert.Null(TrafficBudget.For(TrafficClass.CriticalAlert).BytesPerSecond);
        Assert.Equal(64 * 1024, TrafficBudget.For(TrafficClass.DeviceStatus).BytesPerSecond);
    }

    [Fact]
    public void EscalationPagesEachDoctorInTurnThenTheAdministrators()
    {
        int[] team = [7, 3, 9];
        Assert.Equal([7], AlertEscalation.PagedDoctors(team, 0));
        Assert.Equal([7, 3], AlertEscalation.PagedDoctors(team, 1));
        Assert.Equal([7, 3, 9], AlertEscalation.PagedDoctors(team, 3));
        Assert.False(AlertEscalation.PagesAdmins(team.Length, 2));
        Assert.True(AlertEscalation.PagesAdmins(team.Length, 3));
        Assert.True(AlertEscalation.PagesAdmins(0, 0));
    }

    [Fact]
    public void EscalationStepsAreCountedFromTheRaiseAndStopAtTheLastLevel()
    {
        var step = TimeSpan.FromMinutes(5);
        Assert.Equal(s_now + step, AlertEscalation.NextAt(s_now, 0, 2, step));
        Assert.Equal(s_now + 2 * step, AlertEscalation.NextAt(s_now, 1, 2, step));
        Assert.Null(AlertEscalation.NextAt(s_now, 2, 2, step));
        Assert.Null(AlertEscalation.NextAt(s_now, 0, 2, null));
    }
}
