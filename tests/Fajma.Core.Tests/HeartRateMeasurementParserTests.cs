using Fajma.Core.Ble;
using Fajma.Core.Messages;

namespace Fajma.Core.Tests;

/// <summary>The Heart Rate Measurement (0x2A37) cases of the Heart Rate Service 1.0, as the bytes a strap notifies.</summary>
public sealed class HeartRateMeasurementParserTests
{
    private static HeartRateMeasurement Parsed(params byte[] value)
    {
        var result = HeartRateMeasurementParser.Parse(value);
        Assert.True(result.IsValid, result.Rejection?.Summary);
        return result.Value;
    }

    private static FieldError Refused(params byte[] value)
    {
        var result = HeartRateMeasurementParser.Parse(value);
        Assert.False(result.IsValid);
        Assert.Equal(RejectionReason.Malformed, result.Rejection.Reason);
        return Assert.Single(result.Rejection.Errors);
    }

    [Fact]
    public void AUInt8HeartRateWithNoOtherFieldsIsReadAlone()
    {
        var measurement = Parsed(0x00, 0x48);

        Assert.Equal(new HeartRateMeasurement(72, HeartRateSensorContact.NotSupported, null, []), measurement);
        Assert.Empty(measurement.RrIntervalsMilliseconds);
    }

    [Fact]
    public void AUInt16HeartRateIsLittleEndian()
    {
        Assert.Equal(300, Parsed(0x01, 0x2C, 0x01).HeartRate);
        Assert.Equal(72, Parsed(0x01, 0x48, 0x00).HeartRate);
    }

    [Theory]
    [InlineData(0b000, HeartRateSensorContact.NotSupported)]
    [InlineData(0b010, HeartRateSensorContact.NotSupported)]
    [InlineData(0b100, HeartRateSensorContact.NotDetected)]
    [InlineData(0b110, HeartRateSensorContact.Detected)]
    public void SensorContactIsFlagsBitsOneAndTwo(byte flags, HeartRateSensorContact contact) =>
        Assert.Equal(contact, Parsed(flags, 0x48).SensorContact);

    [Fact]
    public void EnergyExpendedFollowsTheHeartRateInKilojoules()
    {
        Assert.Equal(0x1234, Parsed(0x08, 0x48, 0x34, 0x12).EnergyExpendedKilojoules);
        Assert.Equal(ushort.MaxValue, Parsed(0x09, 0x2C, 0x01, 0xFF, 0xFF).EnergyExpendedKilojoules);
        Assert.Null(Parsed(0x00, 0x48).EnergyExpendedKilojoules);
    }

    [Fact]
    public void OneRrIntervalIsKeptInTicksAndGivenInMilliseconds()
    {
        var measurement = Parsed(0x10, 0x48, 0x00, 0x04);

        Assert.Equal([1024], measurement.RrIntervalTicks);
        Assert.Equal([1000.0], measurement.RrIntervalsMilliseconds);
    }

    [Fact]
    public void SeveralRrIntervalsFillTheRestOfTheValueOldestFirst()
    {
        var measurement = Parsed(0x10, 0x3C, 0x00, 0x04, 0x00, 0x02, 0x00, 0x03);

        Assert.Equal([1024, 512, 768], measurement.RrIntervalTicks);
        Assert.Equal([1000.0, 500.0, 750.0], measurement.RrIntervalsMilliseconds);
    }

    [Fact]
    public void AllFieldsTogetherAreReadInOrder()
    {
        var measurement = Parsed(0x1F, 0x2C, 0x01, 0x10, 0x27, 0x00, 0x04, 0x33, 0x03);

        Assert.Equal(new HeartRateMeasurement(300, HeartRateSensorContact.Detected, 10_000, [1024, 819]), measurement);
        Assert.Equal([1000.0, 799.8046875], measurement.RrIntervalsMilliseconds);
    }

    [Fact]
    public void ReservedFlagBitsAreIgnored()
    {
        Assert.Equal(Parsed(0x1E, 0x48, 0x10, 0x27, 0x00, 0x04), Parsed(0xFE, 0x48, 0x10, 0x27, 0x00, 0x04));
        Assert.Equal(Parsed(0x00, 0x48), Parsed(0xE0, 0x48));
    }

    [Fact]
    public void AHeartRateOfZeroIsReportedAsZeroNotRefused() =>
        Assert.Equal(0, Parsed(0x06, 0x00).HeartRate);

    [Fact]
    public void BytesAfterTheLastFlaggedFieldAreIgnoredWhenNoRrIntervalsAreFlagged() =>
        Assert.Equal(Parsed(0x00, 0x48), Parsed(0x00, 0x48, 0x99));

    [Fact]
    public void AnEmptyValueIsRefusedNamingTheFlags()
    {
        var error = Refused();

        Assert.Equal("flags", error.Field);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingHeartRateIsRefusedNamingIt()
    {
        Assert.Equal("heart_rate", Refused(0x00).Field);
        Assert.Equal("heart_rate", Refused(0x01).Field);
    }

    [Fact]
    public void ATruncatedUInt16HeartRateIsRefusedNamingIt()
    {
        var error = Refused(0x01, 0x48);

        Assert.Equal("heart_rate", error.Field);
        Assert.Contains("uint16", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 is left", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedEnergyExpendedIsRefusedNamingIt()
    {
        Assert.Equal("energy_expended", Refused(0x08, 0x48, 0x34).Field);
        Assert.Equal("energy_expended", Refused(0x09, 0x2C, 0x01).Field);
    }

    [Fact]
    public void AnOddTrailingRrByteIsRefusedNamingTheRrIntervals()
    {
        var error = Refused(0x10, 0x48, 0x00, 0x04, 0x01);

        Assert.Equal("rr_intervals", error.Field);
        Assert.Contains("odd trailing byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RrIntervalsFlaggedButAbsentAreRefusedNamingThem() =>
        Assert.Equal("rr_intervals", Refused(0x18, 0x48, 0x34, 0x12).Field);

    [Fact]
    public void TheWriterUsesAUInt8RateWhenItFitsAndLeavesReservedBitsZero()
    {
        Assert.Equal([0x00, 0x48], HeartRateMeasurementWriter.Encode(new HeartRateMeasurement(72, HeartRateSensorContact.NotSupported, null, [])));
        Assert.Equal([0x1F, 0x2C, 0x01, 0x10, 0x27, 0x00, 0x04, 0x33, 0x03],
            HeartRateMeasurementWriter.Encode(new HeartRateMeasurement(300, HeartRateSensorContact.Detected, 10_000, [1024, 819])));
        Assert.Equal([0x14, 0x48, 0x00, 0x04], HeartRateMeasurementWriter.Encode(new HeartRateMeasurement(72, HeartRateSensorContact.NotDetected, null, [1024])));
    }

    [Fact]
    public void TheWriterRefusesValuesTheFormatCannotHold()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HeartRateMeasurementWriter.Encode(new HeartRateMeasurement(65_536, HeartRateSensorContact.NotSupported, null, [])));
        Assert.Throws<ArgumentOutOfRangeException>(() => HeartRateMeasurementWriter.Encode(new HeartRateMeasurement(72, HeartRateSensorContact.NotSupported, -1, [])));
        Assert.Throws<ArgumentOutOfRangeException>(() => HeartRateMeasurementWriter.Encode(new HeartRateMeasurement(72, HeartRateSensorContact.NotSupported, null, [70_000])));
    }
}
