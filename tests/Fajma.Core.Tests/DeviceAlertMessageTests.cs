using System.Text;
using System.Text.Json.Nodes;
using Fajma.Core.Alerts;
using Fajma.Core.Messages;
using Fajma.Core.Wire;

namespace Fajma.Core.Tests;

public sealed class DeviceAlertMessageTests
{
    private static readonly byte[] s_secret = Encoding.UTF8.GetBytes("device-secret-for-alert-tests-32b");

    private static WireAlertPayload SeedPayload(string severity = "HIGH") => new("CARDIAC_ARRHYTHMIA", severity, "Rythme cardiaque irrégulier détecté",
        new Dictionary<string, double> { ["heart_rate"] = 180, ["heart_rate_variability"] = 0.02, ["confidence"] = 0.95 },
        "IMMEDIATE_MEDICAL_ATTENTION", AutoEmergencyCall: false);

    private static byte[] SeedAlert(WireAlertPayload? payload = null) =>
        StandardMessageBuilder.CriticalAlert("FAJMA-IOT-001", Guid.NewGuid(), DateTimeOffset.UtcNow, payload ?? SeedPayload(), s_secret, "12345");

    [Fact]
    public void SeedCriticalAlertParsesOnTheAlertChannelWithItsConfidenceApart()
    {
        var result = DeviceMessageParser.Parse(SeedAlert(), alertChannel: true);

        Assert.True(result.IsValid, result.Rejection?.Summary);
        var alert = Assert.IsType<DeviceAlertReport>(result.Value.Alert);
        Assert.Equal(("CARDIAC_ARRHYTHMIA", AlertSeverity.Critical, 0.95, "IMMEDIATE_MEDICAL_ATTENTION"),
            (alert.AlertType, alert.Severity, alert.Confidence, alert.RecommendedAction));
        Assert.Equal(new Dictionary<string, double> { ["heart_rate"] = 180, ["heart_rate_variability"] = 0.02 }, alert.Measurements);
        Assert.Equal(MessageTypes.CriticalAlert, result.Value.MessageType);
        Assert.Empty(result.Value.Measurements);
        Assert.True(MessageSignature.Verify(s_secret, result.Value.SignedBytes.Span, result.Value.Signature!));
    }

    [Theory]
    [InlineData("LOW", AlertSeverity.Warning)]
    [InlineData("MEDIUM", AlertSeverity.Major)]
    [InlineData("HIGH", AlertSeverity.Critical)]
    [InlineData("CRITICAL", AlertSeverity.Critical)]
    public void DeviceSeverityWordsMapOntoOurs(string word, AlertSeverity expected)
    {
        var result = DeviceMessageParser.Parse(SeedAlert(SeedPayload(word)), alertChannel: true);

        Assert.True(result.IsValid, result.Rejection?.Summary);
        Assert.Equal(expected, result.Value.Alert!.Severity);
    }

    [Fact]
    public void CriticalAlertOnTheTelemetryChannelIsSentToTheAlertChannel()
    {
        var result = DeviceMessageParser.Parse(SeedAlert());

        Assert.False(result.IsValid);
        Assert.Contains(result.Rejection.Errors, e => e.Field == "header.message_type" && e.Message.Contains("/api/v1/iot/alerts/critical/", StringComparison.Ordinal));
    }

    [Fact]
    public void VitalSignsAndFlatMessagesAreRefusedOnTheAlertChannel()
    {
        Assert.Contains(DeviceMessageParser.Parse(MessageSamples.Standard(), alertChannel: true).Rejection!.Errors, e => e.Field == "header.message_type");
        Assert.Contains(DeviceMessageParser.Parse("""{"device_id":"ESP32-1","timestamp":1700000000000,"heart_rate":180}"""u8.ToArray(), alertChannel: true)
            .Rejection!.Errors, e => e.Field == "$");
    }

    [Fact]
    public void EveryBadAlertFieldIsNamedAtOnce()
    {
        var json = JsonNode.Parse(SeedAlert())!.AsObject();
        var payload = json["payload"]!.AsObject();
        payload["alert_type"] = "cardiac arrhythmia";
        payload["severity"] = "SEVERE";
        payload["auto_emergency_call"] = "no";
        payload["measurements"]!["confidence"] = 1.5;
        payload["measurements"]!["Heart-Rate"] = 3;
        json["header"]!["checksum"] = PayloadChecksum.Compute(System.Text.Json.JsonSerializer.SerializeToElement(payload));

        var result = DeviceMessageParser.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), alertChannel: true);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["payload.alert_type", "payload.auto_emergency_call", "payload.measurements.Heart-Rate", "payload.measurements.confidence", "payload.severity"],
            result.Rejection.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
