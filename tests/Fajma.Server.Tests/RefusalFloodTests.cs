using System.Net;
using Fajma.Server.Ingestion;
using Fajma.Server.Privacy;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;

namespace Fajma.Server.Tests;

/// <summary>
/// An anonymous flood of refused input costs the store a bounded amount: the first refusals from an address are
/// recorded whole (dead letter, audit row), the rest only counted, and one audit row per window says how many.
/// The production budgets (20 per sender, 200 in all, per minute), on a fake clock that moves only when told.
/// </summary>
public sealed class RefusalFloodTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FajmaHost _host = null!;

    public async Task InitializeAsync() => _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(),
        b => b.Services.AddSingleton<TimeProvider>(_time), "--Ingestion:RefusalsRecordedPerSender=20", "--Ingestion:RefusalsRecordedPerWindow=200");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<int> AuditedAsync(string action) => _host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == action));

    private Task<int> DeadLettersAsync() => _host.QueryAsync(db => db.DeadLetters.CountAsync());

    private async Task FloodAsync(int requests)
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Url };
        for (var sent = 0; sent < requests; sent += 25)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
                anonymous.PostAsync("/api/v1/iot/realtime-data/", Messages.Json($$"""{"device_id":"X{{sent + i}}","timestamp":"not a time"}"""))));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.UnprocessableEntity, a.StatusCode));
        }
    }

    [Fact]
    public async Task AThousandRefusedAnonymousRequestsCostTheStoreTwentyRecordsAndOneSummary()
    {
        var metrics = _host.App.Services.GetRequiredService<IngestionMetrics>();
        var (refusedBefore, lettersBefore, auditBefore) = (metrics.RejectedTotal, await DeadLettersAsync(), await AuditedAsync(AuditActions.DeviceMessageRejected));

        await FloodAsync(1000);

        Assert.Equal(refusedBefore + 1000, metrics.RejectedTotal); // every one counted
        Assert.Equal(lettersBefore + 20, await DeadLettersAsync());
        Assert.Equal(auditBefore + 20, await AuditedAsync(AuditActions.DeviceMessageRejected));
        _time.Advance(TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(() => _host.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RefusalsUnrecorded
            && EF.Functions.Like(e.Detail!, "980 refused%address 127.0.0.1 (1000)%"))), "the summary of the flood");

        await FloodAsync(25); // a new window: the address is heard in full again, up to its budget
        Assert.Equal(lettersBefore + 40, await DeadLettersAsync());
    }

    [Fact]
    public async Task RefusedMqttSignInsAreAuditedUpToTheBudgetAndCountedPastIt()
    {
        var before = await AuditedAsync(AuditActions.DeviceSignInRefused);

        for (var i = 0; i < 50; i++)
        {
            using var client = new MqttClientFactory().CreateMqttClient();
            var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _host.MqttPort)
                .WithClientId($"GUESS-{i}").WithCredentials($"GUESS-{i}", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        }

        Assert.Equal(before + 20, await AuditedAsync(AuditActions.DeviceSignInRefused));
        _time.Advance(TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(() => _host.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.RefusalsUnrecorded
            && EF.Functions.Like(e.Detail!, "30 refused%"))), "the summary of the refused sign-ins");
    }
}
