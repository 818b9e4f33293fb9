using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Fajma.Server.Identity;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Tests;

/// <summary>
/// Two nodes of one cluster — one PostgreSQL store, one Redis (<c>Redis:Configuration</c>), shared keys — each with its own
/// HTTP intake, so a test chooses which node takes each reading and where each doctor is connected: what one node took,
/// a doctor on the other sees and acts on.
/// </summary>
public sealed class ClusterTests : IAsyncLifetime
{
    private TestRedis _redis = null!;
    private FajmaHost _a = null!;
    private FajmaHost _b = null!;

    public async Task InitializeAsync()
    {
        _redis = await TestRedis.StartAsync();
        var database = await TestDatabase.PostgresAsync();
        _a = await FajmaHost.StartAsync(database, Node(database));
        _b = await FajmaHost.StartAsync(database, Node(database));
    }

    public async Task DisposeAsync()
    {
        await _b.StopKeepingDataAsync();
        await _a.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private string[] Node(TestDatabase database) => [$"--Redis:Configuration={_redis.Configuration}", $"--Storage:DataDirectory={database.Directory}"];

    private static async Task SendHeartRateAsync(FajmaHost node, string deviceId, double heartRate, DateTimeOffset at) =>
        (await node.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), at, heartRate)))).EnsureSuccessStatusCode();

    [Fact]
    public async Task ADoctorOnOneNodeSeesLiveVitalsTheOtherNodeTook()
    {
        var (patientId, deviceId) = await _a.RegisterPatientWithDeviceAsync();
        var (hub, observations) = await _b.WatchAsync(patientId);
        await using var _ = hub;

        await SendHeartRateAsync(_a, deviceId, 77, DateTimeOffset.UtcNow);

        var seen = await Wait.ForAsync(observations, o => o.Type == "heart_rate", "node A's reading on node B's screen");
        Assert.Equal((deviceId, 77.0), (seen.DeviceId, seen.Value));
    }

    [Fact]
    public async Task AnAlertRaisedOnOneNodeIsAcknowledgedOnTheOtherAndEveryScreenHearsIt()
    {
        var (patientId, deviceId) = await _a.RegisterPatientWithDeviceAsync();
        await using var onA = await AlertListener.ConnectAsync(_a.Url, _a.DoctorToken, patientId);
        await using var onB = await AlertListener.ConnectAsync(_b.Url, _b.DoctorToken, patientId);
        var now = DateTimeOffset.UtcNow;
        await SendHeartRateAsync(_a, deviceId, 160, now.AddSeconds(-2));
        await SendHeartRateAsync(_a, deviceId, 165, now.AddSeconds(-1));
        var raised = await onB.NextAsync(a => a.Event == "raised", "node A's alert on node B's screen");
        await onA.NextAsync(a => a.Id == raised.Id && a.Event == "raised", "the alert on node A's screen");

        Assert.Equal(HttpStatusCode.OK, (await _b.Http.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null)).StatusCode);

        var onNodeA = await onA.NextAsync(a => a.Id == raised.Id && a.Event == "acknowledged", "node B's acknowledgement on node A's screen");
        await onB.NextAsync(a => a.Id == raised.Id && a.Event == "acknowledged", "the acknowledgement on node B's screen");
        Assert.Equal(_b.DoctorId, onNodeA.AcknowledgedBy);
        // Both nodes hold it acknowledged: a second acknowledgement through node A keeps the first.
        var again = await _a.Http.PostAsync($"/api/v1/alerts/{raised.Id}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(onNodeA.AcknowledgedAt, (await again.Content.ReadFromJsonAsync<Alerts.AlertDto>())!.AcknowledgedAt);
        await Wait.UntilAsync(async () => await _a.QueryAsync(db => db.Alerts.CountAsync(a => a.Id == raised.Id && a.AcknowledgedBy == _b.DoctorId)) == 1,
            "the acknowledgement stored");
    }

    [Fact]
    public async Task TwoAbnormalReadingsLandingOnDifferentNodesRaiseTheAlert()
    {
        var (patientId, deviceId) = await _a.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_a.Url, _a.DoctorToken, patientId);
        var now = DateTimeOffset.UtcNow;

        await SendHeartRateAsync(_a, deviceId, 160, now.AddSeconds(-2));
        await SendHeartRateAsync(_b, deviceId, 165, now.AddSeconds(-1));

        var raised = await doctor.NextAsync(a => a.Event == "raised", "the alert from one reading on each node");
        Assert.Equal((patientId, 165.0), (raised.PatientId, raised.Value));
        // The next normal readings, again one on each node, resolve it once.
        await SendHeartRateAsync(_b, deviceId, 80, now.AddMilliseconds(-500));
        await SendHeartRateAsync(_a, deviceId, 78, now);
        await doctor.NextAsync(a => a.Id == raised.Id && a.Event == "resolved", "resolved by two normal readings on different nodes");
        Assert.Single(await _a.QueryAsync(db => db.Alerts.Where(a => a.PatientId == patientId).ToListAsync()));
    }

    [Fact]
    public async Task SigningOutThroughOneNodeClosesTheSessionsConnectionOnTheOther()
    {
        var (patientId, _) = await _a.RegisterPatientWithDeviceAsync();
        var email = $"dr-{Guid.NewGuid():N}@test.fajma";
        await _a.DoctorInCareTeamAsync(email, patientId);
        var session = await _a.SignInAsync(email, FajmaHost.Password);
        var (hub, _) = await _b.WatchAsync(patientId, session.AccessToken);
        await using var _ = hub;
        var closing = Wait.ClosingOf(hub);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Content = JsonContent.Create(new RefreshRequest(session.RefreshToken)) };
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await _a.Http.SendAsync(logout)).StatusCode);

        await closing.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        using var onB = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/patients/{patientId}");
        onB.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _b.Http.SendAsync(onB)).StatusCode);
    }
}
