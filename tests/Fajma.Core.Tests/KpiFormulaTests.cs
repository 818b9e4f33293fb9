using Fajma.Core.Operations;

namespace Fajma.Core.Tests;

public sealed class KpiFormulaTests
{
    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(0, 10, 0.0)]
    [InlineData(5, 10, 0.5)]
    [InlineData(10, 10, 1.0)]
    public void AShareOverNothingIsUnknownRatherThanZeroOrOne(long part, long whole, double? expected) =>
        Assert.Equal(expected, KpiFormulas.Share(part, whole));

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    public void AShareLargerThanItsWholeOrNegativeIsRefused(long part, long whole) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Share(part, whole));

    [Theory]
    [InlineData(new double[] { }, 95, null)]
    [InlineData(new double[] { 7 }, 95, 7.0)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 50, 5.0)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 95, 10.0)]
    [InlineData(new double[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 90, 9.0)]
    [InlineData(new double[] { 3, 1, 2 }, 100, 3.0)]
    public void ThePercentileIsANearestRankValueThatWasObserved(double[] samples, double percent, double? expected) =>
        Assert.Equal(expected, KpiFormulas.Percentile(samples, percent));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100.5)]
    public void APercentileOutsideZeroToAHundredIsRefused(double percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KpiFormulas.Percentile([1.0], percent));

    [Theory]
    [InlineData(new double[] { }, null)]
    [InlineData(new double[] { 2, 4 }, 3.0)]
    public void TheMeanOfNoSampleIsUnknown(double[] samples, double? expected) => Assert.Equal(expected, KpiFormulas.Mean(samples));

    [Theory]
    [InlineData(98, 100, 0.98)]
    [InlineData(0, 0, null)]
    public void DeliveryRateIsAcknowledgedOverReceived(long acknowledged, long received, double? expected) =>
        Assert.Equal(expected, KpiFormulas.DeliveryRate(acknowledged, received));

    [Theory]
    [InlineData(200, 10, 0.95)]
    [InlineData(200, 0, 1.0)]
    [InlineData(0, 0, null)]
    public void DataQualityCountsImplausibleMessagesAgainst(long received, long implausible, double? expected) =>
        Assert.Equal(expected, KpiFormulas.DataQuality(received, implausible));

    [Theory]
    [InlineData(3, 1, 0.75)]
    [InlineData(0, 4, 0.0)]
    [InlineData(0, 0, null)]
    public void AlertPrecisionIsTheActionableShareOfRatedAlerts(long actionable, long notActionable, double? expected) =>
        Assert.Equal(expected, KpiFormulas.AlertPrecision(actionable, notActionable));

    [Theory]
    [InlineData(9, 10, 0.9)]
    [InlineData(0, 0, null)]
    public void DeviceAvailabilityIsActiveOverRegistered(long active, long registered, double? expected) =>
        Assert.Equal(expected, KpiFormulas.DeviceAvailability(active, registered));
}
