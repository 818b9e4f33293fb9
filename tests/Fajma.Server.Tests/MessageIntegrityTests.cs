using System.Net;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>Only a message signed with its own device's secret is stored; everything else is refused, audited and dead-lettered.</summary>
public sealed class MessageIntegrityTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private Task<HttpResponseMessage> PostAsync(string json) => _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(json));

    private Task<int> StoredAsync(string deviceId) => _host.QueryAsync(db => db.IngestedMessages.CountAsync(m => m.DeviceId == deviceId));

    [Fact]
    public async Task ASignedMessageIsStoredAndAnUnsignedOneIsRefused()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();

        var signed = await PostAsync(Messages.Flat(deviceId, 1));
        var unsigned = await PostAsync(Messages.Flat(deviceId, 2, sign: false));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Contains("\"signature\"", await unsigned.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await StoredAsync(deviceId));
    }

    [Fact]
    public async Task AValueChangedAfterSigningIsRefused()
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var tampered = Messages.Flat(deviceId, 1, heartRate: 72).Replace("\"heart_rate\":72", "\"heart_rate\":180", StringComparison.Ordinal);

        var response = await PostAsync(tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await StoredAsync(deviceId));
    }

    [Fact]
    public async Task AMessageSignedWithAnotherDevicesSecretIsRefusedOverMqtt()
    {
        var (_, mine) = await _host.RegisterPatientWithDeviceAsync();
        var (_, other) = await _host.RegisterPatientWithDeviceAsync();
        var forged = Messages.Flat(other, 1).Replace(other, mine, StringComparison.Ordinal); // other's valid signature, mine's identity
        using var client = await _host.ConnectMqttAsync(mine);

        var ack = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"fajma/sensors/{mine}")
            .WithPayload(forged).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, ack.ReasonCode);
        Assert.Equal(0, await StoredAsync(mine));
        Assert.True(await _host.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == Privacy.AuditActions.DeviceMessageRejected && e.Target == mine)));
    }

    [Theory]
    [InlineData(10, "ahead of the server clock")]
    [InlineData(-60 * 24 * 8, "older than")]
    public async Task AMeasurementTimeOutsideTheWindowIsRefused(int minutesFromNow, string reason)
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();

        var response = await _host.Http.PostAsync("/api/v1/iot/realtime-data/",
            Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(minutesFromNow))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredAsync(deviceId));
    }
}
