using System.Net;
using System.Net.Http.Json;
using Fajma.Server.Live;
using Fajma.Server.Monitoring;
using Fajma.Server.Observations;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

public sealed class LiveVitalsTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    [Fact]
    public async Task SeedEsp32MessageOverMqttReachesTheWatchingDoctorAndHistory()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (hub, observations) = await _host.WatchAsync(patientId);
        await using var _ = hub;
        using var device = await _host.ConnectMqttAsync(deviceId);

        var ack = await device.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"fajma/sensors/{deviceId}")
            .WithPayload(Messages.Flat(deviceId, uptimeMs: 42_000, heartRate: 77))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        var live = await Wait.ForAsync(observations, o => o.Type == "heart_rate", "heart rate on the hub");
        Assert.Equal((patientId, deviceId, 77.0, "bpm", "8867-4", "server", "ts:42000"),
            (live.PatientId, live.DeviceId, live.Value, live.Unit, live.Loinc, live.ClockSource, live.MessageId));

        var history = await _host.Http.GetFromJsonAsync<ObservationPage>($"/api/v1/patients/{patientId}/observations");
        Assert.Equal(["heart_rate", "spo2", "temperature"], history!.Items.Select(o => o.Type).Order());
    }

    [Fact]
    public async Task StandardMessageOverHttpReachesTheWatchingDoctorAndHistoryHoldsBothFormats()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (hub, observations) = await _host.WatchAsync(patientId);
        await using var _ = hub;
        var measuredAt = DateTimeOffset.UtcNow.AddSeconds(-2);
        var messageId = Guid.NewGuid();

        var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, messageId, measuredAt, heartRate: 64, systolic: 131, diastolic: 84)));
        using var device = await _host.ConnectMqttAsync(deviceId);
        await device.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{deviceId}")
            .WithPayload(Messages.Flat(deviceId, 1_000)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bp = await Wait.ForAsync(observations, o => o.Type == "blood_pressure", "blood pressure on the hub");
        Assert.Equal((131.0, (double?)84, "mmHg", "device", messageId.ToString()), (bp.Value, bp.Diastolic, bp.Unit, bp.ClockSource, bp.MessageId));
        Assert.Equal(measuredAt.ToUnixTimeMilliseconds(), bp.MeasuredAt.ToUnixTimeMilliseconds());

        var history = await _host.Http.GetFromJsonAsync<ObservationPage>($"/api/v1/patients/{patientId}/observations?type=heart_rate");
        Assert.Equal([messageId.ToString(), "ts:1000"], history!.Items.Select(o => o.MessageId).Order());
    }

    [Fact]
    public async Task BoardListShowsLatestVitalsAndTheDevicesLastReport()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var at = DateTimeOffset.UtcNow;
        await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), at.AddSeconds(-10), heartRate: 70)));
        await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), at, heartRate: 91)));

        var patient = await _host.Http.GetFromJsonAsync<PatientDto>($"/api/v1/patients/{patientId}");

        Assert.Equal(91, patient!.Latest.Single(o => o.Type == "heart_rate").Value);
        var device = Assert.Single(patient.Devices);
        Assert.Equal((85, -45), (device.BatteryLevel, device.SignalStrength));
        Assert.NotNull(device.LastSeenAt);
    }

    [Fact]
    public async Task SubscribingToAPatientThatDoesNotExistIsRefused()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_host.Url, LiveExtensions.HubPath),
            o => o.AccessTokenProvider = () => Task.FromResult<string?>(_host.DoctorToken)).Build();
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync("SubscribePatient", 999_999));
        Assert.Contains("patientId", error.Message, StringComparison.Ordinal);
    }
}
