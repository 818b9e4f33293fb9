using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Fajma.Core.Wire;
using Fajma.Server.Alerts;
using Fajma.Server.Live;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;

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
        var (screen, _) = await _host.WatchAsync(patientId); // the doctor paged is on screen: the alert is also recorded as reached in the app
        await using var watching = screen;
        var heard = new TaskCompletionSource<AlertDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        screen.On<AlertDto>(MonitoringEvents.Alert, a => { if (a.PatientId == patientId && a.Event == "raised") heard.TrySetResult(a); });

        await using var held = await HeldStore.HoldAsync(_dataDirectory);
        // The device's own alert waits for its commit behind the held store, after it has been sent live.
        var posted = _host.Http.PostAsync("/api/v1/iot/alerts/critical/", Messages.Json(StandardMessageBuilder.CriticalAlert(deviceId, Guid.NewGuid(),
            DateTimeOffset.UtcNow, new WireAlertPayload("CARDIAC_ARRHYTHMIA", "HIGH", "irregular rhythm", new Dictionary<string, double> { ["confidence"] = 0.95 },
                "IMMEDIATE_MEDICAL_ATTENTION", AutoEmergencyCall: false), Messages.Secrets[deviceId])));

        var alert = await Wait.ForAsync(heard.Task, "the alert on the doctor's screen");
        using var hooked = await Wait.ForAsync(_hooked.Reader, _ => true, "the webhook delivery while the store is held");
        Assert.False(posted.IsCompleted, "the device was answered although the store is held");
        Assert.Equal(($"device:{deviceId}:CARDIAC_ARRHYTHMIA", alert.Id.ToString()), (hooked.RootElement.GetProperty("rule").GetString(), hooked.RootElement.GetProperty("id").GetString()));

        await held.CloseAsync(); // rolled back: the node's commits go ahead
        (await posted).EnsureSuccessStatusCode();
    }
}
