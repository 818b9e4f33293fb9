using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Fajma.Server.Devices;
using Fajma.Server.Identity;
using Fajma.Server.Monitoring;
using Fajma.Server.Patients;
using Fajma.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Fajma.Server.Tests;

/// <summary>
/// The fault runs of issue 11 (docs/scale-out.md, "Fault runs"): two nodes, each in its own process (external Mosquitto,
/// one PostgreSQL of the test's own, Redis, shared keys), a fleet of simulated devices publishing signed readings at QoS 1,
/// one fault, and the <see cref="FaultChecker"/> comparing everything the devices sent with what is stored. Each test
/// prints its row of the table and appends it to <c>fault-runs.md</c> (<see cref="FaultTable"/>).
/// </summary>
/// <remarks>One file a fault: ClusterFaultTests.NodeKill.cs, .Redis.cs, .Postgres.cs, .Broker.cs.</remarks>
[StartsFirst]
public sealed partial class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double ReadingsPerSecond = 4;
    private readonly ITestOutputHelper _output = output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TwoNodeCluster? _cluster;
    private TestPostgres _postgres = null!;
    private TestRedis _redis = null!;
    private TestMosquitto _broker = null!;
    private string _database = "";
    private ClusterNode _a = null!;
    private ClusterNode _b = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _cluster = await TwoNodeCluster.StartAsync(_output, externalBroker: true, ownPostgres: true,
            "--RateLimits:UserRequestsPerSecond=100000", "--RateLimits:LoginPerMinute=100000", "--Logging:LogLevel:Fajma.Server.Ingestion=Information");
        (_postgres, _redis, _broker, _database) = (_cluster.Engines.Postgres!, _cluster.Engines.Redis, _cluster.Engines.Broker!, _cluster.Engines.ConnectionString);
        (_a, _b) = (_cluster.NodeA, _cluster.NodeB);
        _admin = await SignedInAsync(_a.Url, FajmaHost.AdminEmail);
        Log("cluster up");
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    private static async Task<HttpClient> SignedInAsync(Uri node, string email)
    {
        var http = new HttpClient { BaseAddress = node };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new LoginRequest(email, FajmaHost.Password));
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken);
        return http;
    }

    /// <summary>Patients with one device each, registered by the admin through node A's API (four at a time).</summary>
    private async Task<List<(int PatientId, string DeviceId)>> ProvisionAsync(string tag, int count)
    {
        var devices = new (int, string)[count];
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var patient = await _admin.PostAsJsonAsync("/api/v1/patients", new CreatePatientRequest($"Fault patient {tag}{i}", new DateOnly(1955, 1, i % 28 + 1)));
                patient.EnsureSuccessStatusCode();
                var patientId = (await patient.Content.ReadFromJsonAsync<PatientDto>())!.Id;
                var id = $"FLT-{tag}-{_cluster!.Run}-{i:D2}";
                var registered = await _admin.PostAsJsonAsync("/api/v1/devices", new RegisterDeviceRequest(id, DeviceTypes.Esp32Monitor, patientId));
                registered.EnsureSuccessStatusCode();
                Messages.Secrets[id] = DeviceSecrets.Decode((await registered.Content.ReadFromJsonAsync<DeviceBundleDto>())!.Secret);
                devices[i] = (patientId, id);
            }
            finally
            {
                gate.Release();
            }
        }));
        Log($"{count} devices provisioned ({tag})");
        return [.. devices];
    }

    /// <summary>The devices publishing, once the broker has acknowledged their first readings.</summary>
    private async Task<DeviceFleet> StartFleetAsync(IEnumerable<(int PatientId, string DeviceId)> devices)
    {
        var fleet = new DeviceFleet(_broker.Port, devices.Select(d => d.DeviceId), ReadingsPerSecond);
        try
        {
            await fleet.StartAsync();
            await UntilAsync(() => Task.FromResult(fleet.AcknowledgedCount >= 100), "the devices' first readings acknowledged", TimeSpan.FromSeconds(20));
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Polls <paramref name="condition"/> until true; false (or a failure, unless <paramref name="quiet"/>) after <paramref name="deadline"/>.</summary>
    private async Task<bool> UntilAsync(Func<Task<bool>> condition, string what, TimeSpan deadline, bool quiet = false)
    {
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            try
            {
                if (await condition()) return true;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or IOException or InvalidOperationException)
            {
                // The store is coming back: ask again.
            }
            foreach (var node in new[] { _a, _b })
                if (node?.Exited is { } exit) throw new InvalidOperationException($"node {node.Name} exited ({exit}) while waiting for {what}");
            if (DateTime.UtcNow > until) return quiet ? false : throw new TimeoutException($"no {what} within {deadline.TotalSeconds} s");
            await Task.Delay(250);
        }
    }

    private void Report(FaultVerdict verdict)
    {
        FaultTable.Report(_output, verdict);
        Log($"table row appended to {FaultTable.FilePath}");
    }

    private void Log(string what) => _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:F1} s] {what}"));
}
