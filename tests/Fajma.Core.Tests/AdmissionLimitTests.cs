using Fajma.Core.Traffic;

namespace Fajma.Core.Tests;

public sealed class AdmissionLimitTests
{
    [Theory]
    [InlineData(4096)]
    [InlineData(7)]
    [InlineData(1)]
    public void HistoryGivesWayFirstThenStatusThenVitalSignsAndACriticalAlertNever(int maxInFlight)
    {
        var history = AdmissionLimit.For(TrafficClass.HistoricalData, maxInFlight);
        var status = AdmissionLimit.For(TrafficClass.DeviceStatus, maxInFlight);
        var vitals = AdmissionLimit.For(TrafficClass.VitalSigns, maxInFlight);

        Assert.True(history <= status && status <= vitals, $"{history} <= {status} <= {vitals}");
        Assert.Equal(maxInFlight, vitals);
        Assert.True(history >= 1); // even the lowest class gets through an idle node
        Assert.Equal(int.MaxValue, AdmissionLimit.For(TrafficClass.CriticalAlert, maxInFlight));
    }

    [Fact]
    public void ABacklogFlushedAfterAnOutageLeavesHalfTheRoomToLiveReadings() =>
        Assert.Equal(2048, AdmissionLimit.For(TrafficClass.HistoricalData, 4096));

    [Fact]
    public void ALimitBelowOneIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AdmissionLimit.For(TrafficClass.VitalSigns, 0));
}
