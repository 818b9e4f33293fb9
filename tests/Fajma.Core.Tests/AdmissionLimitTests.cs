using Fajma.Core.Messages;
using Fajma.Core.Traffic;
using Fajma.Core.Vitals;

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

    private static DeviceReading Reading(params Measurement[] measurements) =>
        new(WireFormat.Standard, "ESP32-1", "m1", "VITALS", DateTimeOffset.UtcNow, null, null, measurements, null, null);

    [Theory]
    [InlineData(VitalSignType.HeartRate, 131, true)]
    [InlineData(VitalSignType.HeartRate, 130, false)]
    [InlineData(VitalSignType.HeartRate, 40, true)]
    [InlineData(VitalSignType.OxygenSaturation, 91, true)]
    [InlineData(VitalSignType.OxygenSaturation, 92, false)]
    [InlineData(VitalSignType.BloodPressure, 90, true)]
    [InlineData(VitalSignType.BodyTemperature, 35.0, true)]
    [InlineData(VitalSignType.BodyTemperature, 39.5, false)] // scores 2, not 3
    [InlineData(VitalSignType.RespiratoryRate, 25, true)]
    public void AValueScoringThreeOnItsOwnInNews2IsUrgent(VitalSignType type, double value, bool urgent) =>
        Assert.Equal(urgent, UrgentReading.Is(Reading(new Measurement(VitalSignType.HeartRate, 72), new Measurement(type, value))));
}
