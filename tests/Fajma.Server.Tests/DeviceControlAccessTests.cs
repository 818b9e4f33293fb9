using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fajma.Server.Identity;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Fajma.Server.Tests.Infrastructure.DeviceControlClient;

namespace Fajma.Server.Tests;

/// <summary>Who may control a device (the patient's doctors; admins reboot only), and bad requests named by their field, never stored.</summary>
public sealed class DeviceControlAccessTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    private async Task<HttpClient> ClientAsync(string email, string role, int? patientId = null)
    {
        await _host.CreateAccountAsync(email, role, FajmaHost.Password, patientId);
        var client = new HttpClient { BaseAddress = _host.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _host.TokenAsync(email, FajmaHost.Password));
        return client;
    }

    [Fact]
    public async Task OnlyThePatientsDoctorsControlADeviceAdminsMayRebootItAndOthersAreRefused()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        using var other = await ClientAsync($"other-{Guid.NewGuid():N}@test.fajma", Roles.Doctor);
        using var patient = await ClientAsync($"patient-{Guid.NewGuid():N}@test.fajma", Roles.Patient, patientId);
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        var readNow = new { action = "read_now" };

        Assert.Equal(HttpStatusCode.Accepted, (await ControlAsync(_host.Http, deviceId, readNow)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ControlAsync(other, deviceId, readNow)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await CalibrateAsync(other, deviceId, new { sensor = "spo2" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/iot/sensors/{deviceId}/commands")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ControlAsync(patient, deviceId, readNow)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CalibrateAsync(patient, deviceId, new { sensor = "spo2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ControlAsync(anonymous, deviceId, readNow)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ControlAsync(_host.Admin, deviceId, new { action = "set_sampling_rate", samplingIntervalMs = 500 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await CalibrateAsync(_host.Admin, deviceId, new { sensor = "spo2" })).StatusCode);
        var reboot = await CommandOf(await ControlAsync(_host.Admin, deviceId, new { action = "reboot" }));

        // The doctor and the patient read the device's commands (newest first); the other doctor does not see the command.
        var listed = await _host.Http.GetFromJsonAsync<Devices.Control.DeviceCommandDto[]>($"/api/v1/iot/sensors/{deviceId}/commands");
        Assert.Equal(["reboot", "read_now"], listed!.Select(c => c.Action));
        Assert.Equal(HttpStatusCode.OK, (await patient.GetAsync($"/api/v1/iot/commands/{reboot.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/iot/commands/{reboot.Id}")).StatusCode);
        Assert.Equal(2, await _host.QueryAsync(db => db.DeviceCommands.CountAsync(c => c.DeviceId == deviceId)));
    }

    public static TheoryData<string, object, string> BadRequests() => new()
    {
        { "control", new { action = "explode" }, "action" },
        { "control", new { action = "set_sampling_rate", samplingIntervalMs = 10 }, "samplingIntervalMs" },
        { "control", new { action = "set_sampling_rate" }, "samplingIntervalMs" },
        { "control", new { action = "set_sampling_rate", rateMultiplier = 3 }, "rateMultiplier" },
        { "control", new { action = "read_now", rateMultiplier = 2 }, "rateMultiplier" },
        { "control", new { action = "stop", ttlSeconds = 0 }, "ttlSeconds" },
        { "control", new { action = "stop", ttlSeconds = 100_000 }, "ttlSeconds" },
        { "calibrate", new { sensor = "blood_pressure" }, "sensor" },
        { "calibrate", new { sensor = "spo2", ttlSeconds = -1 }, "ttlSeconds" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task ABadRequestIsRefusedNamingItsFieldAndNothingIsStored(string route, object body, string field)
    {
        var (_, deviceId) = await _host.RegisterPatientWithDeviceAsync();

        var response = route == "control" ? await ControlAsync(_host.Http, deviceId, body) : await CalibrateAsync(_host.Http, deviceId, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors name {field}: {problem.RootElement}");
        Assert.Equal(0, await _host.QueryAsync(db => db.DeviceCommands.CountAsync(c => c.DeviceId == deviceId)));
    }

    [Fact]
    public async Task AnUnknownDeviceIsNotFound()
    {
        var response = await ControlAsync(_host.Http, "NO-SUCH-DEVICE", new { action = "read_now" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("NO-SUCH-DEVICE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
