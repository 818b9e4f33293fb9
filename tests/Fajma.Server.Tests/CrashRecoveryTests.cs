using Fajma.Server.Platform;
using System.Collections.Concurrent;
using System.Net.Http.Json;
using Fajma.Server.Devices;
using Fajma.Server.Monitoring;
using Fajma.Server.Patients;
using Fajma.Server.Storage;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MQTTnet;
using MQTTnet.Protocol;

namespace Fajma.Server.Tests;

/// <summary>Acknowledged means durable: SIGKILL the server while devices publish at QoS 1, and nothing acknowledged is lost or doubled.</summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int DeviceCount = 12;
    private readonly string _data = Directory.CreateTempSubdirectory("fajma-crash-").FullName;
    private readonly int _httpPort = LoopbackPorts.Free();
    private readonly int _mqttPort = LoopbackPorts.Free();

    [Fact]
    public async Task EveryMessageAcknowledgedBeforeAKillIsStoredExactlyOnceAfterRestart()
    {
        var server = await ServerProcess.StartAsync(_data, _httpPort, _mqttPort);
        var devices = await RegisterDevicesAsync(server.Url);
        var acknowledged = new ConcurrentBag<(string Device, long Uptime)>();
        var sent = new ConcurrentDictionary<string, long>(); // highest uptime each device sent, acknowledged or not
        var enoughAcked = new TaskCompletionSource();

        using var stop = new CancellationTokenSource();
        var publishers = devices.Select(id => PublishUntilCutOffAsync(id, acknowledged, sent, enoughAcked, stop.Token)).ToArray();
        await enoughAcked.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await server.KillAsync(); // mid-stream: publishes are in flight right now
        await stop.CancelAsync();
        await Task.WhenAll(publishers);

        await using var restarted = await ServerProcess.StartAsync(_data, _httpPort, _mqttPort);
        // Devices resend everything they sent, acknowledged or not, as firmware does after a reconnect.
        foreach (var (device, last) in sent)
        {
            using var client = await ConnectAsync(device);
            for (var uptime = 1L; uptime <= last; uptime++)
            {
                var ack = await client.PublishAsync(Message(device, uptime));
                Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
            }
        }

        await using var db = new SqliteFajmaDbContext(new DbContextOptionsBuilder<SqliteFajmaDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_data, "fajma.db")}").Options);
        var stored = await db.IngestedMessages.Select(m => new { m.DeviceId, m.MessageKey }).ToListAsync();
        var storedKeys = stored.Select(m => (m.DeviceId, m.MessageKey)).ToHashSet();
        Assert.True(acknowledged.Count >= 200, $"only {acknowledged.Count} acknowledged before the kill");
        Assert.All(acknowledged, a => Assert.Contains((a.Device, $"ts:{a.Uptime}"), storedKeys));
        Assert.Equal(stored.Count, storedKeys.Count);
        Assert.Equal(sent.Values.Sum(), stored.Count);
        Assert.Equal(stored.Count * 3, await db.Observations.CountAsync());
    }

    private async Task PublishUntilCutOffAsync(string deviceId, ConcurrentBag<(string, long)> acknowledged,
        ConcurrentDictionary<string, long> sent, TaskCompletionSource enoughAcked, CancellationToken stop)
    {
        using var client = await ConnectAsync(deviceId);
        for (var uptime = 1L; !stop.IsCancellationRequested; uptime++)
        {
            sent[deviceId] = uptime;
            try
            {
                var ack = await client.PublishAsync(Message(deviceId, uptime), stop);
                if (ack.ReasonCode != MqttClientPublishReasonCode.Success) return;
                acknowledged.Add((deviceId, uptime));
                if (acknowledged.Count >= 300) enoughAcked.TrySetResult();
            }
            catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
            {
                return; // the server died under us: this message was sent but never acknowledged
            }
        }
    }

    private static MqttApplicationMessage Message(string deviceId, long uptime) => new MqttApplicationMessageBuilder()
        .WithTopic($"fajma/sensors/{deviceId}")
        .WithPayload(Messages.Flat(deviceId, uptime, heartRate: 60 + uptime % 40))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    private Task<IMqttClient> ConnectAsync(string deviceId) => TestMqtt.ConnectDeviceAsync(_mqttPort, deviceId);

    private static async Task<List<string>> RegisterDevicesAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new Fajma.Server.Identity.LoginRequest(FajmaHost.AdminEmail, FajmaHost.Password));
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<Fajma.Server.Identity.TokenResponse>())!.AccessToken);
        var devices = new List<string>();
        for (var i = 0; i < DeviceCount; i++)
        {
            var patient = await (await http.PostAsJsonAsync("/api/v1/patients", new CreatePatientRequest($"Crash patient {i}", new DateOnly(1950, 1, 1))))
                .Content.ReadFromJsonAsync<PatientDto>();
            var id = $"CRASH-{i:D2}";
            var registered = await http.PostAsJsonAsync("/api/v1/devices", new RegisterDeviceRequest(id, DeviceTypes.Esp32Monitor, patient!.Id));
            registered.EnsureSuccessStatusCode();
            Messages.Secrets[id] = DeviceSecrets.Decode((await registered.Content.ReadFromJsonAsync<DeviceBundleDto>())!.Secret);
            devices.Add(id);
        }
        return devices;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }
}
