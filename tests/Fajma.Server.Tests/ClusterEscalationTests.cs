using Fajma.Server.Alerts;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Fajma.Server.Tests;

/// <summary>
/// Two nodes sweep the same open alerts on one fake clock, at the same instant (the test runs both sweeps together; the
/// nodes' own timers are set far apart): each escalation step is claimed in Redis first, so the next doctor is paged
/// once, not once per node.
/// </summary>
public sealed class ClusterEscalationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private TwoHostCluster? _cluster;
    private FajmaHost _a = null!;
    private FajmaHost _b = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TwoHostCluster.StartAsync(_ => ["--Alerts:SweepInterval=01:00:00"], configure: b => b.Services.AddSingleton<TimeProvider>(_time));
        (_a, _b) = (_cluster.NodeA, _cluster.NodeB);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task WithTwoNodesEachEscalationStepPagesOnceNeverTwice()
    {
        var (patientId, deviceId) = await _a.RegisterPatientWithDeviceAsync();
        var (_, secondToken) = await _a.DoctorInCareTeamAsync("second@test.fajma", patientId);
        await using var first = await AlertListener.ConnectAsync(_a.Url, _a.DoctorToken);
        await using var second = await AlertListener.ConnectAsync(_b.Url, secondToken);
        foreach (var (heartRate, ago) in new[] { (160.0, 2), (165.0, 1) })
            (await _a.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), _time.GetUtcNow().AddSeconds(-ago), heartRate))))
                .EnsureSuccessStatusCode();
        var raised = await first.NextAsync(a => a.Event == "raised", "the alert paging the first doctor");
        await Wait.UntilAsync(() => Task.FromResult(_b.App.Services.GetRequiredService<OpenAlerts>().Find(raised.Id) is not null), "node B holding the alert");

        _time.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(Sweep(_a), Sweep(_b));
        await second.NextAsync(a => a.Id == raised.Id && a.Event == "escalated", "the page to the next doctor at five minutes");
        _time.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(Sweep(_a), Sweep(_b));
        await second.NextAsync(a => a.Id == raised.Id && a.Event == "escalated" && a.AdminsPaged, "the page to admins at ten minutes");

        var pages = await _a.QueryAsync(db => db.AuditEntries.Where(e => e.Action == Privacy.AuditActions.AlertEscalated && e.Target == $"alert:{raised.Id}")
            .Select(e => e.Detail).ToListAsync());
        Assert.Equal(["level 1: next doctor paged", "level 2: admins paged"], pages);
        Assert.DoesNotContain(second.Received(), a => a.Id == raised.Id && a.Event == "escalated"); // the two pages were taken above
    }

    private static Task Sweep(FajmaHost node) => Task.Run(() => node.App.Services.GetRequiredService<AlertEscalator>().SweepAsync(CancellationToken.None));
}
