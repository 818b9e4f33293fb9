using System.Net.Http.Json;
using Fajma.Server.Alerts;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>
/// A patient's rules and care team are read again once a minute, beside the readings rather than in their way: the reading
/// that finds them stale is judged by them as loaded, later ones by the new ones, and a rule's count and an open alert
/// carry over. On a fake clock the test moves, with a reading every 30 s so no "no data" alert mixes in.
/// </summary>
public sealed class AlertRuleReloadTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FajmaHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(), b => b.Services.AddSingleton<TimeProvider>(_time));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheMinutelyReloadTakesInANewCareTeamWhileARulesCountAndAnOpenAlertCarryOverIt()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);
        await device.SendAsync(80); // the patient's rules and care team are loaded now
        var (secondId, _) = await _host.DoctorInCareTeamAsync("second@test.fajma", patientId); // in the store only

        _time.Advance(TimeSpan.FromSeconds(31));
        await device.SendAsync(150);
        _time.Advance(TimeSpan.FromSeconds(31));
        await device.SendAsync(155); // finds the rules stale: judged by them as loaded, and starts their reload
        var first = await doctor.NextAsync(a => a.Event == "raised", "the alert from two readings across the reload");
        Assert.Equal([_host.DoctorId], first.Paged);

        var engine = _host.App.Services.GetRequiredService<AlertEngine>();
        await Wait.UntilAsync(async () => (await engine.WatchAsync(patientId, CancellationToken.None)).CareTeam.Contains(secondId), "the reloaded care team");

        _time.Advance(TimeSpan.FromSeconds(30));
        await device.SendAsync(80);
        await device.SendAsync(82); // the reloaded rules know the alert is open: back inside twice, it resolves
        await doctor.NextAsync(a => a.Id == first.Id && a.Event == "resolved", "the alert resolved by the reloaded rules");
    }

    /// <summary>Nothing changed: the same watch goes on, renewed (a new one a minute for every patient is the collector's to copy).</summary>
    [Fact]
    public async Task AMinutelyReloadThatFindsTheRulesUnchangedKeepsThePatientsWatch()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);
        await device.SendAsync(80);
        var engine = _host.App.Services.GetRequiredService<AlertEngine>();
        var before = await engine.WatchAsync(patientId, CancellationToken.None);
        var loadedAt = before.LoadedAt;

        _time.Advance(TimeSpan.FromSeconds(61));
        await device.SendAsync(81); // finds the rules stale and starts their reload

        await Wait.UntilAsync(async () => (await engine.WatchAsync(patientId, CancellationToken.None)).LoadedAt > loadedAt, "the rules read again");
        Assert.Same(before, await engine.WatchAsync(patientId, CancellationToken.None));
    }

    [Fact]
    public async Task AReloadBetweenTwoReadingsBackInRangeKeepsTheFirstSoTheSecondResolvesTheAlert()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        await using var doctor = await AlertListener.ConnectAsync(_host.Url, _host.DoctorToken, patientId);
        using var client = await _host.ConnectMqttAsync(deviceId);
        var device = new Esp32(client, deviceId);
        await device.SendAsync(150);
        await device.SendAsync(155);
        var raised = await doctor.NextAsync(a => a.Event == "raised", "the alert");
        await device.SendAsync(80); // back inside once

        // The rules are read again (a minute passed, or an edit on any node) before the second reading inside.
        var engine = _host.App.Services.GetRequiredService<AlertEngine>();
        var before = await engine.WatchAsync(patientId, CancellationToken.None);
        engine.Reload(patientId);
        await Wait.UntilAsync(async () => !ReferenceEquals(before, await engine.WatchAsync(patientId, CancellationToken.None)), "the reloaded rules");
        await device.SendAsync(82);

        await doctor.NextAsync(a => a.Id == raised.Id && a.Event == "resolved", "the alert resolved by the second reading inside");
    }
    /// <summary>Patients whose rules are first needed together (a fleet starting at once) are read in one batch: each gets its own.</summary>
    [Fact]
    public async Task PatientsFirstNeededTogetherEachGetTheirOwnLimitsAndCareTeam()
    {
        var patients = new List<int>();
        for (var i = 0; i < 24; i++) patients.Add((await _host.RegisterPatientWithDeviceAsync()).PatientId);
        var own = new Dictionary<int, (int Doctor, double High)>();
        for (var i = 0; i < patients.Count; i += 3)
        {
            var (doctor, _) = await _host.DoctorInCareTeamAsync($"batch-{i}@test.fajma", patients[i]);
            (await _host.Http.PutAsJsonAsync($"/api/v1/patients/{patients[i]}/thresholds/heart_rate", new Monitoring.ThresholdRequest(40, 101 + i))).EnsureSuccessStatusCode();
            own[patients[i]] = (doctor, 101 + i);
        }
        var engine = _host.App.Services.GetRequiredService<AlertEngine>();

        var watches = await Task.WhenAll(patients.Select(p => engine.WatchAsync(p, CancellationToken.None)));

        var usual = watches.First(w => !own.ContainsKey(w.PatientId)).Rules.Single(r => r.Key == "heart_rate:high").Day.Limit;
        foreach (var (patientId, watch) in patients.Zip(watches))
        {
            Assert.Equal(patientId, watch.PatientId);
            var high = watch.Rules.Single(r => r.Key == "heart_rate:high").Day.Limit;
            if (own.TryGetValue(patientId, out var mine))
            {
                Assert.Equal([_host.DoctorId, mine.Doctor], watch.CareTeam);
                Assert.Equal(mine.High, high);
            }
            else
            {
                Assert.Equal([_host.DoctorId], watch.CareTeam);
                Assert.Equal(usual, high);
            }
        }
    }
}
