using System.Text.Json.Nodes;
using Fajma.Core.Messages;
using Fajma.Core.Vitals;

namespace Fajma.Core.Tests;

public sealed class StandardMessageParserTests
{
    [Fact]
    public void SeedStandardMessageParsesToItsMeasurementsAndStatus()
    {
        var result = MessageSamples.Parse(MessageSamples.Standard());

        Assert.True(result.IsValid, result.Rejection?.Summary);
        var reading = result.Value;
        Assert.Equal("FAJMA-IOT-001", reading.DeviceId);
        Assert.Equal("6f1c2a9e-5b1d-4c7e-9a3f-2d8e4b6c1a70", reading.MessageKey);
        Assert.Equal("12345", reading.ClaimedPatientId);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 10, 30, 0, TimeSpan.Zero), reading.DeviceTime);
        Assert.Null(reading.DeviceSequence);
        Assert.Collection(reading.Measurements,
            hr => Assert.Equal((VitalSignType.HeartRate, 72.0, (double?)null, (int?)95), (hr.Type, hr.Value, hr.Diastolic, hr.Quality)),
            bp => Assert.Equal((VitalSignType.BloodPressure, 120.0, (double?)80, (int?)98), (bp.Type, bp.Value, bp.Diastolic, bp.Quality)));
        Assert.Equal(new DeviceStatusReport(85, -45, new DateTimeOffset(2024, 1, 14, 8, 0, 0, TimeSpan.Zero)), reading.Status);
    }

    [Fact]
    public void ChecksumThatDoesNotMatchThePayloadIsRefusedNamingTheField()
    {
        var json = MessageSamples.Standard(m => m["payload"]!["measurements"]![0]!["value"] = 180, fixChecksum: false);
        var result = MessageSamples.Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(RejectionReason.Invalid, result.Rejection.Reason);
        Assert.Contains(result.Rejection.Errors, e => e.Field == "header.checksum");
    }

    [Theory]
    [InlineData("prefixed, lowercase")]
    [InlineData("bare, uppercase")]
    [InlineData("payload first, spaced, members reordered")]
    public void ChecksumIsTheCanonicalPayloadsWhateverItsFormAndTheMessagesLayout(string form)
    {
        var node = JsonNode.Parse(MessageSamples.Standard())!.AsObject();
        var checksum = (string)node["header"]!["checksum"]!;
        Assert.StartsWith(PayloadChecksum.Prefix, checksum, StringComparison.Ordinal);
        string json;
        if (form == "bare, uppercase")
        {
            node["header"]!["checksum"] = checksum[PayloadChecksum.Prefix.Length..].ToUpperInvariant();
            json = node.ToJsonString();
        }
        else if (form == "prefixed, lowercase") json = node.ToJsonString();
        else
        {
            // The payload's members in reverse order and the message pretty-printed: the canonical form is the same.
            var payload = node["payload"]!.AsObject();
            var reordered = new JsonObject(payload.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            json = new JsonObject { ["payload"] = reordered, ["header"] = node["header"]!.DeepClone() }
                .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        }

        var result = MessageSamples.Parse(json);
        Assert.True(result.IsValid, result.Rejection?.Summary);

        // One hex digit changed: refused, in any of those forms.
        var broken = MessageSamples.Parse(json.Replace(checksum[^4..], checksum[^4..^1] + (checksum[^1] == '0' ? '1' : '0'), StringComparison.OrdinalIgnoreCase));
        Assert.False(broken.IsValid);
        Assert.Contains(broken.Rejection.Errors, e => e.Field == "header.checksum");
    }

    [Fact]
    public void EveryInvalidFieldIsNamedAtOnce()
    {
        var json = MessageSamples.Standard(m =>
        {
            m["header"]!["timestamp"] = "yesterday";
            m["header"]!["device_id"] = "bad id with spaces";
            var first = m["payload"]!["measurements"]![0]!;
            first["value"] = "seventy-two";
            first["quality"] = 140;
            m["payload"]!["measurements"]![1]!["value"]!["diastolic"] = 130;
        });
        var result = MessageSamples.Parse(json);

        Assert.False(result.IsValid);
        var fields = result.Rejection.Errors.Select(e => e.Field).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "header.timestamp", "header.device_id", "payload.measurements[0].value", "payload.measurements[0].quality",
            "payload.measurements[1].value.diastolic",
        }, fields);
    }

    [Theory]
    [InlineData("heart_rate", 19)]
    [InlineData("heart_rate", 301)]
    [InlineData("spo2", 101)]
    [InlineData("spo2", 40)]
    [InlineData("temperature", 47)]
    [InlineData("respiratory_rate", 0)]
    public void ImplausibleValuesAreRefusedWithTheirRange(string type, double value)
    {
        var unit = type switch { "heart_rate" => "bpm", "spo2" => "%", "temperature" => "°C", _ => "/min" };
        var json = MessageSamples.Standard(m => m["payload"]!["measurements"] = new JsonArray(
            new JsonObject { ["type"] = type, ["value"] = value, ["unit"] = unit }));
        var result = MessageSamples.Parse(json);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Rejection.Errors);
        Assert.Equal("payload.measurements[0].value", error.Field);
        Assert.Contains("plausible range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARelayedSensorIsReadFromTheHeaderBesideTheGatewayThatSigned()
    {
        var result = MessageSamples.Parse(MessageSamples.Standard(m => m["header"]!["source"] = "ble:Polar H10 7A3B"));

        Assert.True(result.IsValid, result.Rejection?.Summary);
        Assert.Equal("ble:Polar H10 7A3B", result.Value!.Source);
        Assert.Null(MessageSamples.Parse(MessageSamples.Standard()).Value!.Source);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ble:\nstrap")]
    public void ARelayedSourceThatNamesNothingIsRefusedNamingTheField(string source)
    {
        var result = MessageSamples.Parse(MessageSamples.Standard(m => m["header"]!["source"] = System.Text.RegularExpressions.Regex.Unescape(source)));

        Assert.Equal("header.source", Assert.Single(result.Rejection!.Errors).Field);
    }

    [Fact]
    public void FahrenheitTemperatureIsStoredInCelsius()
    {
        var json = MessageSamples.Standard(m => m["payload"]!["measurements"] = new JsonArray(
            new JsonObject { ["type"] = "temperature", ["value"] = 100.4, ["unit"] = "°F" }));
        var result = MessageSamples.Parse(json);

        Assert.True(result.IsValid, result.Rejection?.Summary);
        Assert.Equal(38.0, Assert.Single(result.Value.Measurements).Value, 2);
    }

    [Fact]
    public void WrongUnitForTheTypeIsRefused()
    {
        var json = MessageSamples.Standard(m => m["payload"]!["measurements"]![0]!["unit"] = "mmHg");
        var result = MessageSamples.Parse(json);

        Assert.Contains(result.Rejection!.Errors, e => e.Field == "payload.measurements[0].unit");
    }

    [Theory]
    [InlineData("not json at all", RejectionReason.Malformed)]
    [InlineData("[1,2,3]", RejectionReason.Malformed)]
    [InlineData("{\"hello\":1}", RejectionReason.Malformed)]
    [InlineData("{\"header\":{}, \"payload\":{}}", RejectionReason.Invalid)]
    public void MalformedOrShapelessInputIsRefused(string json, RejectionReason reason)
    {
        var result = MessageSamples.Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(reason, result.Rejection.Reason);
    }

    [Fact]
    public void OversizedMessageIsRefusedBeforeParsing()
    {
        var big = new byte[DeviceMessageParser.MaxMessageBytes + 1];
        var result = DeviceMessageParser.Parse(big);

        Assert.Equal(RejectionReason.TooLarge, result.Rejection!.Reason);
    }

    [Fact]
    public void CriticalAlertsArePointedToTheirOwnEndpoint()
    {
        var json = MessageSamples.Standard(m => m["header"]!["message_type"] = "CRITICAL_ALERT");
        var error = Assert.Single(MessageSamples.Parse(json).Rejection!.Errors);

        Assert.Equal("header.message_type", error.Field);
        Assert.Contains("/api/v1/iot/alerts/critical/", error.Message, StringComparison.Ordinal);
    }
}
