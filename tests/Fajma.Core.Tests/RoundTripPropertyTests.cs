using CsCheck;
using Fajma.Core.Messages;
using Fajma.Core.Vitals;
using Fajma.Core.Wire;

namespace Fajma.Core.Tests;

public sealed class RoundTripPropertyTests
{
    private static readonly Gen<Measurement> s_measurement =
        Gen.OneOf(
            Gen.Int[20, 300].Select(v => new Measurement(VitalSignType.HeartRate, v)),
            Gen.Int[50, 100].Select(v => new Measurement(VitalSignType.OxygenSaturation, v)),
            Gen.Int[250, 450].Select(v => new Measurement(VitalSignType.BodyTemperature, v / 10.0)),
            Gen.Int[2, 80].Select(v => new Measurement(VitalSignType.RespiratoryRate, v)),
            Gen.Select(Gen.Int[60, 300], Gen.Int[20, 59]).Select((s, d) => new Measurement(VitalSignType.BloodPressure, s, d)));

    [Fact]
    public void AnyPlausibleMessageBuiltByTheSdkParsesBackToTheSameMeasurements()
    {
        Gen.Select(s_measurement.List[1, 10], Gen.Int[0, 100]).Sample((measurements, battery) =>
        {
            var message = StandardMessageBuilder.Build("DEV-1", Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddYears(55), measurements,
                new WireDeviceStatus(battery, -60, null));
            var parsed = DeviceMessageParser.Parse(StandardMessageBuilder.ToUtf8(message));

            Assert.True(parsed.IsValid, parsed.Rejection?.Summary);
            Assert.Equal(measurements.Select(m => (m.Type, m.Value, m.Diastolic)), parsed.Value.Measurements.Select(m => (m.Type, m.Value, m.Diastolic)));
            Assert.Equal(battery, parsed.Value.Status!.BatteryLevel);
        }, iter: 300);
    }
}
