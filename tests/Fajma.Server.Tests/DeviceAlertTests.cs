using System.Net;
using System.Net.Http.Json;
using Fajma.Core.Wire;
using Fajma.Server.Alerts;
using Fajma.Server.Tests.Infrastructure;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>A device's own CRITICAL_ALERT (seed 000 §2.2A) over MQTT QoS 2 and HTTPS.</summary>
public sealed class DeviceAlertTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private static byte[] Arrhythmia(string deviceId, Guid messageId) => StandardMessageBuilder.CriticalAlert(deviceId, messageId, DateTimeOffset.UtcNow,
        new WireAlertPayload("CARDIAC_ARRHYTHMIA", "HIGH", "Rythme cardiaque irrégulier détecté",
            new Dictionary<string, double> { ["heart_rate"] = 180, ["heart_rate_variability"] = 0.02, ["confidence"] = 0.95 },
            "IMMEDIATE_MEDICAL_ATTENTION", AutoEmergencyCall: false), Messages.Secrets[deviceId]);

    [Fact]
    public async Task ADevicesArrhythmiaOverMqttQos2PagesTheDoctorOnceEvenWhenRedelivered()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken);
        using var device = await _host.ConnectMqttAsync(deviceId);
        var message = new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{deviceId}/alerts")
            .WithPayload(Arrhythmia(deviceId, Guid.NewGuid())).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.ExactlyOnce).Build();

        var first = await device.PublishAsync(message);
        var again = await device.PublishAsync(message);

        Assert.Equal((MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.Success), (first.ReasonCode, again.ReasonCode));
        var alert = await doctor.NextAsync(a => a.PatientId == patientId, "the device's alert");
        Assert.Equal(("device", $"device:{deviceId}:CARDIAC_ARRHYTHMIA", "critical", 0.95), (alert.Kind, alert.Rule, alert.Severity, alert.Confidence));
        Assert.Equal(180, alert.Measurements!["heart_rate"]);
        Assert.Equal("Rythme cardiaque irrégulier détecté", alert.Detail);
        var listed = await _host.Http.GetFromJsonAsync<List<AlertDto>>($"/api/v1/alerts?patientId={patientId}&kind=device");
        Assert.Equal(1, Assert.Single(listed!).Occurrences); // the redelivery changed nothing
    }

    [Fact]
    public async Task ADevicesAlertOverHttpsIsStoredBeforeTheAnswerAndPagesTheDoctor()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken);

        var response = await _host.Http.PostAsync("/api/v1/iot/alerts/critical/", Messages.Json(Arrhythmia(deviceId, Guid.NewGuid())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = await doctor.NextAsync(a => a.PatientId == patientId, "the device's alert");
        var stored = await _host.QueryAsync(db => db.Alerts.FindAsync(alert.Id).AsTask());
        Assert.NotNull(stored); // committed before the 200
    }

    [Fact]
    public async Task TheAlertChannelRefusesVitalsAndUnsignedAlertsNamingTheField()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();

        var vitals = await _host.Http.PostAsync("/api/v1/iot/alerts/critical/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow)));
        var unsigned = await _host.Http.PostAsync("/api/v1/iot/alerts/critical/", Messages.Json(StandardMessageBuilder.CriticalAlert(deviceId, Guid.NewGuid(),
            DateTimeOffset.UtcNow, new WireAlertPayload("FALL_DETECTED", "HIGH", null, new Dictionary<string, double>(), null, false))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, vitals.StatusCode);
        Assert.Contains("header.message_type", await vitals.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains("signature", await unsigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
