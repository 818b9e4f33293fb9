using System.Net;
using Fajma.Server.Alerts;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>Seed 000 §6.2: the platform watches its own health and tells the admins, not the doctors.</summary>
public sealed class SystemAlertTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private async Task SendAsync(string deviceId, int good, int unsigned)
    {
        for (var i = 0; i < good; i++)
            Assert.Equal(HttpStatusCode.OK, (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow)))).StatusCode);
        for (var i = 0; i < unsigned; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow, sign: false)))).StatusCode);
    }

    [Fact]
    public async Task DataLossAboveFivePercentTwiceInARowPagesTheAdminsAndRecoveryResolvesIt()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var admin = await AlertListener.ConnectAsync(_host.Url, _host.AdminToken);
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        var monitor = _host.App.Services.GetRequiredService<SystemMonitor>();
        await monitor.CheckAsync(CancellationToken.None); // a clean window to start from

        await SendAsync(deviceId, good: 18, unsigned: 2); // 10 % refused
        await monitor.CheckAsync(CancellationToken.None);
        await SendAsync(deviceId, good: 18, unsigned: 2);
        await monitor.CheckAsync(CancellationToken.None);

        var raised = await admin.NextAsync(a => a.Rule == "system:data_loss_rate", "the system alert to the admins");
        Assert.Equal(("system", "major", null, 0.1), (raised.Kind, raised.Severity, raised.PatientId, raised.Value));
        Assert.True(raised.AdminsPaged);
        await SendAsync(deviceId, good: 20, unsigned: 0);
        await monitor.CheckAsync(CancellationToken.None);
        await SendAsync(deviceId, good: 20, unsigned: 0);
        await monitor.CheckAsync(CancellationToken.None);
        await admin.NextAsync(a => a.Id == raised.Id && a.Event == "resolved", "the system alert resolving");
        Assert.DoesNotContain(doctor.Received(), a => a.Kind == "system");
    }
}
