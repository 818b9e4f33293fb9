using System.Net.Http.Json;
using Fajma.Server.Alerts.Profiles;
using Fajma.Server.Tests.Infrastructure;

namespace Fajma.Server.Tests;

/// <summary>
/// An alarm profile edited through one node holds on the other from its next reading once Redis has told it — not at its next periodic
/// reload a minute later: the edit is told to every node, which reloads the patient's watch (PostgreSQL, Redis).
/// </summary>
public sealed class AlarmProfileClusterTests : IAsyncLifetime
{
    private TwoHostCluster? _cluster;

    public async Task InitializeAsync() => _cluster = await TwoHostCluster.StartAsync(_ => []);

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    private static async Task SendHeartRateAsync(FajmaHost node, string deviceId, double heartRate, DateTimeOffset at) =>
        (await node.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), at, heartRate)))).EnsureSuccessStatusCode();

    [Fact]
    public async Task ATrendRuleSetThroughOneNodeRaisesOnTheOtherAtItsNextReading()
    {
        var (a, b) = (_cluster!.NodeA, _cluster.NodeB);
        var (patientId, deviceId) = await a.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(a.Url, a.DoctorToken, patientId);
        await SendHeartRateAsync(b, deviceId, 72, DateTimeOffset.UtcNow); // node B now holds the patient's watch, without the rule
        var profilesOnB = b.App.Services.GetRequiredService<AlarmProfiles>();
        var before = profilesOnB.Version(patientId);

        var put = await a.Http.PutAsJsonAsync($"/api/v1/patients/{patientId}/alarm-profile",
            new AlarmProfileRequest("Europe/Paris", "22:00", "07:00", [], [new TrendRuleDto("heart_rate", "up", 30, 15, "major")], []));
        put.EnsureSuccessStatusCode();
        // Redis carries the edit to node B within moments (pub/sub): its next reading after that takes the new rule.
        await Wait.UntilAsync(() => Task.FromResult(profilesOnB.Version(patientId) > before), "node B hearing of the edit");
        await SendHeartRateAsync(b, deviceId, 75, DateTimeOffset.UtcNow);
        await SendHeartRateAsync(b, deviceId, 110, DateTimeOffset.UtcNow);

        var trend = await doctor.NextAsync(a => a.Rule == "trend:heart_rate:up" && a.Event == "raised", "the trend alert node B raised");
        Assert.Equal((patientId, 110.0), (trend.PatientId, trend.Value));
    }
}
