using System.Net;
using System.Net.Http.Headers;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>
/// An administrator's lock through one node ends the account's sessions on the other at once: its access token is
/// refused there and its live hub there closes, without waiting for the token to expire (PostgreSQL, Redis).
/// </summary>
public sealed class AdministrationClusterTests : IAsyncLifetime
{
    private TwoHostCluster? _cluster;

    public async Task InitializeAsync() => _cluster = await TwoHostCluster.StartAsync(_ => []);

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task ALockThroughOneNodeClosesTheSessionsHubAndRefusesItsTokenOnTheOther()
    {
        var (a, b) = (_cluster!.NodeA, _cluster.NodeB);
        var (patientId, _) = await a.RegisterPatientWithDeviceAsync();
        var (doctorId, _) = await a.DoctorInCareTeamAsync("cluster.locked@test.fajma", patientId);
        var onB = await b.TokenAsync("cluster.locked@test.fajma", FajmaHost.Password);
        var (hub, _) = await b.WatchAsync(patientId, onB);
        var closed = Wait.ClosingOf(hub);

        Assert.Equal(HttpStatusCode.NoContent, (await a.Admin.PostAsync($"/api/v1/users/{doctorId}/lock", null)).StatusCode);

        await Wait.ForAsync(closed, "the locked doctor's hub on node B to close");
        using var client = new HttpClient { BaseAddress = b.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", onB);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).StatusCode);
    }
}
