using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Fajma.Server.Alerts;
using Fajma.Server.Live;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace Fajma.Server.Tests;

/// <summary>
/// Alerts leave before the reading is committed: while another writer holds the store, an alert still reaches the doctor
/// watching and the hospital system's webhook. A real webhook receiver on 127.0.0.1, the store held by a real SQLite lock.
/// </summary>
public sealed class AlertWhileTheStoreIsHeldTests : IAsyncLifetime
{
    private readonly Channel<JsonDocument> _hooked = Channel.CreateUnbounded<JsonDocument>();
    private WebApplication _receiver = null!;
    private FajmaHost _host = null!;
    private string _dataDirectory = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting(Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            _hooked.Writer.TryWrite(await JsonDocument.ParseAsync(request.Body));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        var database = await TestDatabase.SqliteAsync();
        _dataDirectory = database.Directory;
        _host = await FajmaHost.StartAsync(database,
            $"--Alerts:Webhooks:0:Url={_receiver.Urls.First()}/hook", "--Alerts:Webhooks:0:Secret=s", "--Alerts:Webhooks:0:MinSeverity=Major");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AnAlertReachesTheWatchingDoctorAndTheWebhookWhileAnotherWriterHoldsTheStore()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        var (hub, _) = await _host.WatchAsync(patientId); // the doctor paged is on screen: the alert is also recorded as reached in the app
        await using var _hub = hub;
        var heard = new TaskCompletionSource<AlertDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<AlertDto>(MonitoringEvents.Alert, a => { if (a.PatientId == patientId && a.Event == "raised") heard.TrySetResult(a); });

        // A patient already sending: a first reading creates the patient's data key, a write of its own.
        (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow.AddSeconds(-3)))))
            .EnsureSuccessStatusCode();
        await using var held = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "fajma.db")};Pooling=False");
        await held.OpenAsync();
        await using (var begin = new SqliteCommand("BEGIN IMMEDIATE", held)) await begin.ExecuteNonQueryAsync();
        // Both readings wait for their commit behind the held store; the second one beyond the limit raises the alert.
        var readings = new[] { 195, 198 }.Select((systolic, i) => _host.Http.PostAsync("/api/v1/iot/realtime-data/",
            Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow.AddSeconds(i - 2), systolic: systolic)))).ToList();

        var alert = await Wait.ForAsync(heard.Task, "the alert on the doctor's screen");
        using var hooked = await Wait.ForAsync(_hooked.Reader, _ => true, "the webhook delivery while the store is held");
        Assert.All(readings, r => Assert.False(r.IsCompleted, "a reading was answered although the store is held"));
        Assert.Equal(("blood_pressure:high", alert.Id.ToString()), (hooked.RootElement.GetProperty("rule").GetString(), hooked.RootElement.GetProperty("id").GetString()));

        await held.CloseAsync(); // rolled back: the node's commits go ahead
        foreach (var response in await Task.WhenAll(readings)) response.EnsureSuccessStatusCode();
    }
}
