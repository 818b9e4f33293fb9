using CsCheck;
using Fajma.Core.Ble;

namespace Fajma.Core.Tests;

/// <summary>
/// The writer and the parser agree on every measurement the format can hold, and whatever bytes a phone relays,
/// the parser answers with a measurement or a failure naming a field, never an exception.
/// </summary>
public sealed class HeartRateMeasurementPropertyTests
{
    private static readonly string[] s_fields =
    [
        HeartRateMeasurementParser.FlagsField, HeartRateMeasurementParser.HeartRateField,
        HeartRateMeasurementParser.EnergyExpendedField, HeartRateMeasurementParser.RrIntervalsField,
    ];

    private static readonly Gen<HeartRateMeasurement> s_measurement = Gen.Select(
        Gen.OneOf(Gen.Int[0, byte.MaxValue], Gen.Int[0, ushort.MaxValue]),
        Gen.Int[0, 2].Select(c => (HeartRateSensorContact)c),
        Gen.Select(Gen.Bool, Gen.Int[0, ushort.MaxValue]).Select((present, e) => present ? e : (int?)null),
        Gen.Int[0, ushort.MaxValue].Array[0, 12],
        (rate, contact, energy, ticks) => new HeartRateMeasurement(rate, contact, energy, ticks));

    [Fact]
    public void AnyMeasurementTheFormatCanHoldParsesBackFromItsEncoding() =>
        s_measurement.Sample(measurement =>
        {
            var parsed = HeartRateMeasurementParser.Parse(HeartRateMeasurementWriter.Encode(measurement));

            Assert.True(parsed.IsValid, parsed.Rejection?.Summary);
            Assert.Equal(measurement, parsed.Value);
        }, iter: 2000);

    [Fact]
    public void ReservedFlagBitsNeverChangeWhatIsRead() =>
        Gen.Select(s_measurement, Gen.Int[1, 7]).Sample((measurement, reserved) =>
        {
            var bytes = HeartRateMeasurementWriter.Encode(measurement);
            bytes[0] |= (byte)(reserved << 5);

            Assert.Equal(measurement, HeartRateMeasurementParser.Parse(bytes).Value);
        }, iter: 1000);

    [Fact]
    public void AnyBytesGetAMeasurementOrAFailureNamingOneFieldNeverAnException() =>
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            var result = HeartRateMeasurementParser.Parse(bytes);

            if (result.IsValid)
                Assert.Equal(result.Value, HeartRateMeasurementParser.Parse(HeartRateMeasurementWriter.Encode(result.Value)).Value);
            else
                Assert.Contains(Assert.Single(result.Rejection.Errors).Field, s_fields);
        }, iter: 10_000);
}
