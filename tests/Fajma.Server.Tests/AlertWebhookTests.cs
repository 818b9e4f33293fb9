using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Fajma.Server.Alerts;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fajma.Server.Tests;

/// <summary>A hospital system subscribed to alerts: a real HTTP receiver on 127.0.0.1 that checks the HMAC as a subscriber would.</summary>
public sealed class AlertWebhookTests : IAsyncLifetime
{
    private const string Secret = "hospital-shared-secret";
    private readonly Channel<(string Timestamp, string Signature, byte[] Body)> _received = Channel.CreateUnbounded<(string, string, byte[])>();
    private WebApplication _receiver = null!;
    private FajmaHost _host = null!;
    private int _failFirst = 1;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting(Microsoft.AspNetCore.Hosting.WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            // The first delivery fails, as a subscriber being redeployed would: the webhook must retry.
            if (Interlocked.Exchange(ref _failFirst, 0) == 1) return Results.StatusCode(503);
            _received.Writer.TryWrite((request.Headers[AlertWebhook.TimestampHeader].ToString(), request.Headers[AlertWebhook.SignatureHeader].ToString(), buffer.ToArray()));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        _host = await FajmaHost.StartAsync(await TestDatabase.SqliteAsync(),
            $"--Alerts:Webhooks:0:Url={_receiver.Urls.First()}/hook", $"--Alerts:Webhooks:0:Secret={Secret}", "--Alerts:Webhooks:0:MinSeverity=Major");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task EveryAlertChangeReachesTheHospitalSystemSignedAndRetriedWhenItFailed()
    {
        var (patientId, deviceId) = await _host.RegisterPatientWithDeviceAsync();
        (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow.AddSeconds(-2), systolic: 195))))
            .EnsureSuccessStatusCode();
        (await _host.Http.PostAsync("/api/v1/iot/realtime-data/", Messages.Json(Messages.Standard(deviceId, Guid.NewGuid(), DateTimeOffset.UtcNow.AddSeconds(-1), systolic: 198))))
            .EnsureSuccessStatusCode();

        var (timestamp, signature, body) = await Wait.ForAsync(_received.Reader, _ => true, "the webhook delivery");
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));
        Assert.Equal(expected, signature);
        Assert.InRange(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        using var json = JsonDocument.Parse(body);
        Assert.Equal(("raised", "blood_pressure:high", patientId, 198.0), (json.RootElement.GetProperty("event").GetString(),
            json.RootElement.GetProperty("rule").GetString(), json.RootElement.GetProperty("patientId").GetInt32(), json.RootElement.GetProperty("value").GetDouble()));
    }
}
