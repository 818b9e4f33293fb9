using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using Fajma.Server.Consultations;
using Fajma.Server.Identity;
using Fajma.Server.Observations;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fajma.Server.Tests;

/// <summary>
/// Ending a session (logout, refresh-token reuse) closes that session's open hub connections at once, on both hubs,
/// instead of letting them stream until the access token expires; the user's other sessions keep theirs.
/// </summary>
public sealed class SessionRevocationTests(SqliteHostFixture fixture) : IClassFixture<SqliteHostFixture>
{
    private readonly FajmaHost _host = fixture.Host;

    /// <summary>A patient with a device and a doctor of their care team, signed in (one session).</summary>
    private async Task<(int PatientId, string DeviceId, string Email, TokenResponse Session)> DoctorWatchingAPatientAsync()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var email = $"dr-{Guid.NewGuid():N}@test.fajma";
        await _host.DoctorInCareTeamAsync(email, patientId);
        return (patientId, deviceId, email, await _host.SignInAsync(email, FajmaHost.Password));
    }

    private async Task SendHeartRateAsync(string deviceId, double heartRate) =>
        (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow, heartRate)))).EnsureSuccessStatusCode();

    private async Task LogoutAsync(TokenResponse session)
    {
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout") { Content = JsonContent.Create(new RefreshRequest(session.RefreshToken)) };
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await _host.Http.SendAsync(logout)).StatusCode);
    }

    private static async Task<ObservationDto> HeartRateAsync(ChannelReader<ObservationDto> observations, double value) =>
        await Wait.ForAsync(observations, o => o.Type == "heart_rate" && o.Value == value, $"heart rate {value} on the hub");

    /// <summary>The closed connection cannot come back with the ended session's token either.</summary>
    private static async Task AssertStaysClosedAsync(HubConnection hub, int patientId)
    {
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        await Assert.ThrowsAsync<InvalidOperationException>(() => hub.InvokeAsync("SubscribePatient", patientId));
        var restart = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, restart.StatusCode);
    }

    [Fact]
    public async Task ADoctorsLiveMonitoringConnectionClosesWhenTheSessionLogsOutAndCannotSubscribeAgain()
    {
        var (patientId, deviceId, _, session) = await DoctorWatchingAPatientAsync();
        var (hub, observations) = await _host.WatchAsync(patientId, session.AccessToken);
        await using var _ = hub;
        await SendHeartRateAsync(deviceId, 71);
        await HeartRateAsync(observations, 71);
        var closing = Wait.ClosingOf(hub);

        await LogoutAsync(session);

        await Wait.ForAsync(closing, "close of the monitoring connection after logout");
        await AssertStaysClosedAsync(hub, patientId);
    }

    [Fact]
    public async Task ReusingASpentRefreshTokenClosesTheSessionsLiveConnections()
    {
        var (patientId, deviceId, _, first) = await DoctorWatchingAPatientAsync();
        var rotated = await _host.Http.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(first.RefreshToken));
        var second = (await rotated.Content.ReadFromJsonAsync<TokenResponse>())!;
        var (hub, observations) = await _host.WatchAsync(patientId, second.AccessToken);
        await using var _ = hub;
        await SendHeartRateAsync(deviceId, 72);
        await HeartRateAsync(observations, 72);
        var closing = Wait.ClosingOf(hub);

        var replay = await _host.Http.PostAsJsonAsync("/api/v1/auth/refresh", new RefreshRequest(first.RefreshToken));

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        await Wait.ForAsync(closing, "close of the monitoring connection after refresh-token reuse");
        await AssertStaysClosedAsync(hub, patientId);
    }

    [Fact]
    public async Task LogoutClosesTheSessionsConsultationConnectionAndMonitoringConnectionTogether()
    {
        var (patientId, _) = await _host.RegisterPatientWithDeviceAsync();
        var scheduled = await _host.Http.PostAsJsonAsync("/api/v1/consultations", new ScheduleConsultationRequest(patientId, DateTimeOffset.UtcNow.AddMinutes(1), "revocation"));
        var consultationId = (await scheduled.Content.ReadFromJsonAsync<ConsultationDto>())!.Id;
        var session = await _host.SignInAsync(FajmaHost.DoctorEmail, FajmaHost.Password); // the host's doctor, in a second session
        await using var room = await ConsultationClient.ConnectAsync(_host.Url, session.AccessToken);
        await room.JoinAsync(consultationId);
        var (board, _) = await _host.WatchAsync(patientId, session.AccessToken);
        await using var _ = board;
        var roomClosing = Wait.ClosingOf(room.Hub);
        var boardClosing = Wait.ClosingOf(board);

        await LogoutAsync(session);

        await Wait.ForAsync(roomClosing, "close of the consultation connection after logout");
        await Wait.ForAsync(boardClosing, "close of the monitoring connection after logout");
        await Assert.ThrowsAsync<InvalidOperationException>(() => room.SayAsync(consultationId, "still here?"));
        var rejoin = await Assert.ThrowsAsync<HttpRequestException>(() => room.Hub.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, rejoin.StatusCode);
    }

    [Fact]
    public async Task AnotherSessionOfTheSameUserKeepsItsConnectionWhenOneSessionLogsOut()
    {
        var (patientId, deviceId, email, leaving) = await DoctorWatchingAPatientAsync();
        var staying = await _host.SignInAsync(email, FajmaHost.Password); // the same doctor on a second device
        var (leavingHub, _) = await _host.WatchAsync(patientId, leaving.AccessToken);
        await using var _ = leavingHub;
        var (stayingHub, observations) = await _host.WatchAsync(patientId, staying.AccessToken);
        await using var __ = stayingHub;
        var closing = Wait.ClosingOf(leavingHub);

        await LogoutAsync(leaving);
        await Wait.ForAsync(closing, "close of the logged-out session's connection");
        await SendHeartRateAsync(deviceId, 73);

        await HeartRateAsync(observations, 73);
        Assert.Equal(HubConnectionState.Connected, stayingHub.State);
        await stayingHub.InvokeAsync("SubscribePatient", patientId);
    }
}
