using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Threading.Channels;
using Fajma.Server.Devices;
using Fajma.Server.Identity;
using Fajma.Server.Live;
using Fajma.Server.Monitoring;
using Fajma.Server.Observations;
using Fajma.Server.Patients;
using Fajma.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Fajma.Server.Tests;

/// <summary>
/// The fault runs of issue 11 (docs/scale-out.md, "Fault runs"): two nodes, each in its own process (external Mosquitto,
/// one PostgreSQL of the test's own, Redis, shared keys), a fleet of simulated devices publishing signed readings at QoS 1,
/// one fault, and the <see cref="FaultChecker"/> comparing everything the devices sent with what is stored. Each test
/// prints its row of the table and appends it to <c>fault-runs.md</c> (<see cref="FaultTable"/>).
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const double ReadingsPerSecond = 4;
    private readonly ITestOutputHelper _output = output;
    private readonly string _data = Directory.CreateTempSubdirectory("fajma-faults-").FullName;
    private readonly string _run = Guid.NewGuid().ToString("N")[..6];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TestPostgres? _postgres;
    private TestRedis? _redis;
    private TestMosquitto? _broker;
    private string _database = "";
    private string[] _store = [];
    private Node _a = null!;
    private Node _b = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        var postgres = TestPostgres.StartAsync();
        var redis = TestRedis.StartAsync();
        var broker = TestMosquitto.StartAsync();
        try
        {
            await Task.WhenAll(postgres, redis, broker);
        }
        finally
        {
            // Whatever started is stopped by DisposeAsync, even when another part failed.
            _postgres = postgres.IsCompletedSuccessfully ? postgres.Result : null;
            _redis = redis.IsCompletedSuccessfully ? redis.Result : null;
            _broker = broker.IsCompletedSuccessfully ? broker.Result : null;
        }
        (_database, _store) = await _postgres!.CreateDatabaseAsync();
        _a = new Node("a", this);
        _b = new Node("b", this);
        await _a.StartAsync(); // migrates the store first
        await _b.StartAsync();
        _admin = await SignedInAsync(_a.Url, FajmaHost.AdminEmail);
        Log("cluster up");
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        foreach (var node in new[] { _a, _b })
            if (node is not null) await node.StopAsync();
        if (_broker is not null) await _broker.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp: harmless.
        }
    }

    [Fact]
    public async Task KillingANodeFiveTimesAlternatingLosesNothingTheBrokerAcknowledgedAndStoresNothingTwice()
    {
        var devices = await ProvisionAsync("K", 24);
        await using var fleet = new DeviceFleet(_broker!.Port, devices.Select(d => d.DeviceId), ReadingsPerSecond);
        await fleet.StartAsync();
        await UntilAsync(() => Task.FromResult(fleet.AcknowledgedCount >= 100), "the devices' first readings acknowledged", TimeSpan.FromSeconds(20));

        var restarts = new List<double>();
        foreach (var node in new[] { _a, _b, _a, _b, _a })
        {
            var before = await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds);
            await UntilAsync(async () => await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds) >= before + 100, "ingest going on before the kill", TimeSpan.FromSeconds(30));
            await node.KillAsync(); // mid-stream: its in-flight readings stay with its session at the broker
            Log($"killed node {node.Name}");
            await Task.Delay(TimeSpan.FromSeconds(1)); // down for a moment: the broker queues its share meanwhile
            var restart = Stopwatch.StartNew();
            await node.StartAsync();
            restarts.Add(restart.Elapsed.TotalSeconds);
            Log($"node {node.Name} back, ready after {restart.Elapsed.TotalSeconds:F1} s");
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        var unacknowledged = await fleet.StopAndFlushAsync(TimeSpan.FromSeconds(30));

        var verdict = await FaultChecker.JudgeAsync("kill -9 of a node ×5 (A, B, A, B, A)", _database, fleet, TimeSpan.FromSeconds(60),
            string.Create(CultureInfo.InvariantCulture, $"each node down ~1 s, back and ready in {restarts.Min():F1}–{restarts.Max():F1} s"));
        Report(verdict);

        Assert.Equal(0, unacknowledged);
        Assert.Equal((0, 0, 0), (verdict.Lost, verdict.Duplicated, verdict.Unexpected));
        Assert.Equal(verdict.Sent, verdict.Stored);
    }

    [Fact]
    public async Task WithRedisStoppedThirtySecondsIngestionGoesOnAndLiveFanOutAcrossNodesRecoversByItself()
    {
        var devices = await ProvisionAsync("R", 24);
        var (probePatient, probeDevice) = (await ProvisionAsync("RP", 1))[0];
        using var doctor = await DoctorOfAsync(probePatient);
        var (hub, observations) = await WatchAsync(_b.Url, doctor.Token, probePatient);
        await using var _ = hub;
        // Before the fault: a reading node A took reaches the doctor on node B.
        var before = await ProbeFanOutAsync(probeDevice, observations, TimeSpan.FromSeconds(15));
        Assert.NotNull(before);

        await using var fleet = new DeviceFleet(_broker!.Port, devices.Select(d => d.DeviceId), ReadingsPerSecond);
        await fleet.StartAsync();
        await UntilAsync(() => Task.FromResult(fleet.AcknowledgedCount >= 100), "the devices' first readings acknowledged", TimeSpan.FromSeconds(20));

        var rateBefore = await StoredPerSecondAsync(fleet, TimeSpan.FromSeconds(5));
        await _redis!.StopAsync();
        Log("Redis stopped");
        var storedDuringOutage = (int)(await StoredPerSecondAsync(fleet, TimeSpan.FromSeconds(30)) * 30);
        await _redis.StartAgainAsync();
        Log($"Redis back; {storedDuringOutage} readings stored while it was down ({storedDuringOutage / 30.0:F0}/s; {rateBefore:F0}/s before)");

        // No restart, no new connection: the doctor's screen on node B gets node A's readings again.
        var after = await ProbeFanOutAsync(probeDevice, observations, TimeSpan.FromSeconds(60));
        Log(after is null ? "live fan-out did not recover" : $"live fan-out back {after.Value.TotalSeconds:F1} s after Redis");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var unacknowledged = await fleet.StopAndFlushAsync(TimeSpan.FromSeconds(30));

        var verdict = await FaultChecker.JudgeAsync("Redis stopped 30 s", _database, fleet, TimeSpan.FromSeconds(60),
            string.Create(CultureInfo.InvariantCulture, $"{storedDuringOutage} stored during the outage ({storedDuringOutage / 30.0:F0}/s, {rateBefore:F0}/s before); fan-out A→B back {(after is null ? "never (60 s)" : $"{after.Value.TotalSeconds:F1} s")} after Redis, hub reconnected {_hubReconnections}×"));
        Report(verdict);

        // What a user notices: readings keep reaching the store (and the screens of doctors on the node that took them) at
        // a useful rate, not one per patient every few seconds.
        var offered = devices.Count * ReadingsPerSecond;
        Assert.True(storedDuringOutage / 30.0 >= offered / 4,
            $"ingestion and storage go on without Redis: {storedDuringOutage / 30.0:F0} readings/s stored in its 30 s outage ({rateBefore:F0}/s before), devices sending {offered:F0}/s");
        Assert.Equal(0, unacknowledged);
        Assert.Equal((0, 0, 0), (verdict.Lost, verdict.Duplicated, verdict.Unexpected));
        Assert.Equal(verdict.Acknowledged, verdict.Stored);
        Assert.True(after is not null, "live fan-out from node A to a doctor on node B did not come back within 60 s of Redis");
    }

    [Fact]
    public async Task WithPostgresStoppedThirtySecondsNothingAcknowledgedIsLostTheBacklogDrainsAndMemoryStaysBounded()
    {
        var devices = await ProvisionAsync("P", 24);
        await using var fleet = new DeviceFleet(_broker!.Port, devices.Select(d => d.DeviceId), ReadingsPerSecond);
        await fleet.StartAsync();
        await UntilAsync(() => Task.FromResult(fleet.AcknowledgedCount >= 100), "the devices' first readings acknowledged", TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var rssBefore = _a.Process.RssMiB() + _b.Process.RssMiB();
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakRssAsync(sampling.Token);
        await _postgres!.StopAsync();
        Log("PostgreSQL stopped");
        var storedAtStop = await RetryCountAsync(fleet);
        await Task.Delay(TimeSpan.FromSeconds(30));
        var acknowledgedAtRestart = fleet.AcknowledgedCount;
        await _postgres.StartAgainAsync();
        var back = Stopwatch.StartNew();
        Npgsql.NpgsqlConnection.ClearAllPools(); // the checker's own pooled connections died with the server
        Log($"PostgreSQL back; the broker acknowledged {acknowledgedAtRestart} readings so far");

        // The backlog drains: every reading the broker had acknowledged until now gets stored, without restarting anything.
        var drained = await UntilAsync(async () => await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds) >= acknowledgedAtRestart,
            "the backlog stored after PostgreSQL came back", TimeSpan.FromSeconds(90));
        var drainSeconds = back.Elapsed.TotalSeconds;
        Log($"backlog drained {drainSeconds:F1} s after PostgreSQL came back");
        var unacknowledged = await fleet.StopAndFlushAsync(TimeSpan.FromSeconds(30));
        await sampling.CancelAsync();
        var rssPeak = await peak;
        // Generous: after the restart, a redelivered reading can meet one stale pooled connection after another, and the
        // node waits up to 30 s (its fault backoff) before each redelivery (docs/scale-out.md, "Fault runs").
        var judging = Stopwatch.StartNew();
        var verdict = await FaultChecker.JudgeAsync("PostgreSQL stopped 30 s", _database, fleet, TimeSpan.FromSeconds(150),
            string.Create(CultureInfo.InvariantCulture,
                $"{acknowledgedAtRestart - storedAtStop} acked by the broker while it was down; backlog drained {drainSeconds:F0} s after; RSS of both nodes {rssBefore:F0} MiB before, peak {rssPeak:F0}, after {_a.Process.RssMiB() + _b.Process.RssMiB():F0}"));
        Report(verdict);
        Log($"every acknowledged reading stored {back.Elapsed.TotalSeconds:F0} s after PostgreSQL came back (checker waited {judging.Elapsed.TotalSeconds:F0} s)");

        Assert.True(drained, "the backlog did not drain");
        Assert.Equal(0, unacknowledged);
        Assert.Equal((0, 0, 0), (verdict.Lost, verdict.Duplicated, verdict.Unexpected));
        Assert.Equal(verdict.Acknowledged, verdict.Stored);
        Assert.True(rssPeak < Math.Max(2 * rssBefore, rssBefore + 512), $"node memory grew from {rssBefore:F0} MiB to {rssPeak:F0} MiB with the store down");
    }

    [Fact]
    public async Task AfterTheBrokerRestartsOrIsKilledDevicesAndNodesReconnectAndWhatItAcknowledgedSurvivesAsFarAsItPromises()
    {
        var graceful = await ProvisionAsync("G", 20);
        var killed = await ProvisionAsync("X", 20);

        // 1. SIGTERM: Mosquitto saves its database on the way out, so every acknowledged reading survives.
        var (restart, restartUnacked, _) = await BrokerFaultAsync(graceful, "Mosquitto restarted (SIGTERM, start again)", kill: false);
        // 2. SIGKILL: what it acknowledged since its last autosave (1 s) and had not handed to a node that acknowledged it is gone.
        var (crash, crashUnacked, killedAt) = await BrokerFaultAsync(killed, "Mosquitto kill -9, start again", kill: true);

        Assert.Equal(0, restartUnacked);
        Assert.Equal((0, 0, 0), (restart.Lost, restart.Duplicated, restart.Unexpected));
        Assert.Equal(restart.Acknowledged, restart.Stored);
        Assert.Equal(0, crashUnacked);
        Assert.Equal((0, 0), (crash.Duplicated, crash.Unexpected));
        // What Mosquitto promises (persistence, autosave_interval 1 s): a loss only among readings acknowledged in the last
        // autosave interval before the kill (plus the time the save itself and scheduling on a busy machine take).
        var window = TimeSpan.FromSeconds(3);
        Assert.All(crash.LostReadings, r => Assert.True(r.AcknowledgedAt >= killedAt - window,
            $"{r.DeviceId}/{r.MessageId} acknowledged at {r.AcknowledgedAt:HH:mm:ss.fff}, {(killedAt - r.AcknowledgedAt!.Value).TotalSeconds:F1} s before the kill, is lost"));
    }

    private async Task<(FaultVerdict Verdict, int Unacknowledged, DateTimeOffset FaultAt)> BrokerFaultAsync(
        List<(int PatientId, string DeviceId)> devices, string fault, bool kill)
    {
        await using var fleet = new DeviceFleet(_broker!.Port, devices.Select(d => d.DeviceId), ReadingsPerSecond);
        await fleet.StartAsync();
        await UntilAsync(() => Task.FromResult(fleet.AcknowledgedCount >= 100), "the devices' first readings acknowledged", TimeSpan.FromSeconds(20));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var reconnectionsBefore = fleet.Reconnections;
        var at = DateTimeOffset.UtcNow;
        if (kill) await _broker.KillAsync();
        else await _broker.StopAsync();
        Log($"broker {(kill ? "killed" : "stopped")}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        await _broker.StartAgainAsync();
        var back = Stopwatch.StartNew();
        await UntilAsync(async () => await ReadyAsync(_a.Url) && await ReadyAsync(_b.Url), "both nodes connected and subscribed again", TimeSpan.FromSeconds(60));
        var nodesBack = back.Elapsed.TotalSeconds;
        await UntilAsync(() => Task.FromResult(fleet.Reconnections - reconnectionsBefore >= devices.Count), "every device connected again", TimeSpan.FromSeconds(30));
        var devicesBack = back.Elapsed.TotalSeconds;
        Log($"broker back; nodes ready after {nodesBack:F1} s, devices after {devicesBack:F1} s");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var unacknowledged = await fleet.StopAndFlushAsync(TimeSpan.FromSeconds(30));
        var verdict = await FaultChecker.JudgeAsync(fault, _database, fleet, TimeSpan.FromSeconds(kill ? 20 : 60),
            string.Create(CultureInfo.InvariantCulture, $"down 3 s; nodes ready {nodesBack:F1} s and all devices reconnected {devicesBack:F1} s after it was back"));
        Report(verdict);
        return (verdict, unacknowledged, at);
    }

    private int _hubReconnections;

    /// <summary>Sends node A a reading of the probe device (over HTTP, so node A takes it) every second until the doctor on node B sees one.</summary>
    private async Task<TimeSpan?> ProbeFanOutAsync(string probeDevice, ChannelReader<ObservationDto> observations, TimeSpan deadline)
    {
        using var http = new HttpClient { BaseAddress = _a.Url };
        var clock = Stopwatch.StartNew();
        while (observations.TryRead(out _))
        {
            // Drop what arrived earlier.
        }
        while (clock.Elapsed < deadline)
        {
            var heartRate = 100 + Random.Shared.Next(40);
            using var sent = await http.PostAsync(new Uri("/api/v1/iot/realtime-data/", UriKind.Relative), Messages.Json(Messages.Standard(probeDevice, Guid.NewGuid(), DateTimeOffset.UtcNow, heartRate)));
            sent.EnsureSuccessStatusCode();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            try
            {
                while (true)
                {
                    var seen = await observations.ReadAsync(wait.Token);
                    if (seen.DeviceId == probeDevice && seen.Type == "heart_rate" && Math.Abs(seen.Value - heartRate) < 0.01) return clock.Elapsed;
                }
            }
            catch (OperationCanceledException)
            {
                // Not seen within a second: send another.
            }
        }
        return null;
    }

    private async Task<(HubConnection Hub, ChannelReader<ObservationDto> Observations)> WatchAsync(Uri node, string token, int patientId)
    {
        var channel = Channel.CreateUnbounded<ObservationDto>();
        var hub = new HubConnectionBuilder().WithUrl(new Uri(node, LiveExtensions.HubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)])
            .Build();
        hub.On<ObservationDto>(MonitoringEvents.Observation, o => channel.Writer.TryWrite(o));
        // As the web client does: after a reconnect, subscribe again.
        hub.Reconnected += async _ =>
        {
            Interlocked.Increment(ref _hubReconnections);
            await hub.InvokeAsync("SubscribePatient", patientId);
        };
        await hub.StartAsync();
        await hub.InvokeAsync("SubscribePatient", patientId);
        return (hub, channel.Reader);
    }

    private sealed class Doctor(HttpClient http, string token) : IDisposable
    {
        public string Token { get; } = token;

        public void Dispose() => http.Dispose();
    }

    /// <summary>A doctor account created through the API (admin), put in the patient's care team, signed in.</summary>
    private async Task<Doctor> DoctorOfAsync(int patientId)
    {
        var email = $"dr-{Guid.NewGuid():N}@faults.fajma";
        var created = await _admin.PostAsJsonAsync("/api/v1/users", new CreateUserRequest(email, "Dr Fault", Roles.Doctor, FajmaHost.Password, null));
        created.EnsureSuccessStatusCode();
        var doctorId = (await created.Content.ReadFromJsonAsync<UserDto>())!.Id;
        (await _admin.PostAsJsonAsync($"/api/v1/patients/{patientId}/care-team", new CareTeamRequest(doctorId))).EnsureSuccessStatusCode();
        var http = await SignedInAsync(_b.Url, email);
        return new Doctor(http, http.DefaultRequestHeaders.Authorization!.Parameter!);
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
                var id = $"FLT-{tag}-{_run}-{i:D2}";
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

    /// <summary>Readings of the fleet stored per second over <paramref name="span"/>.</summary>
    private async Task<double> StoredPerSecondAsync(DeviceFleet fleet, TimeSpan span)
    {
        var first = await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds);
        var clock = Stopwatch.StartNew();
        await Task.Delay(span);
        return (await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds) - first) / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Both nodes' resident memory, sampled every 500 ms until cancelled: the highest sum seen.</summary>
    private async Task<double> SamplePeakRssAsync(CancellationToken stop)
    {
        var peak = 0.0;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, _a.Process.RssMiB() + _b.Process.RssMiB());
            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return peak;
    }

    /// <summary>The stored count, asked as soon as the store answers again (it may be going down right now).</summary>
    private async Task<int> RetryCountAsync(DeviceFleet fleet)
    {
        try
        {
            return await FaultChecker.StoredCountAsync(_database, fleet.DeviceIds);
        }
        catch (Npgsql.NpgsqlException)
        {
            return 0;
        }
    }

    private static async Task<bool> ReadyAsync(Uri node)
    {
        using var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
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

    /// <summary>One node of the cluster: the same node id, ports and settings across restarts, so the broker keeps its session.</summary>
    private sealed class Node(string name, ClusterFaultTests cluster)
    {
        private readonly string _nodeId = $"fajma-fault-{name}-{cluster._run}";
        private readonly int _httpPort = TestPorts.Free();
        private readonly int _mqttPort = TestPorts.Free();
        private ServerProcess? _process;
        private bool _killed;

        public string Name { get; } = name.ToUpperInvariant();

        public Uri Url => new($"http://127.0.0.1:{_httpPort}");

        public ServerProcess Process => _process ?? throw new InvalidOperationException($"node {Name} is not running");

        public async Task StartAsync()
        {
            if (_process is not null) await _process.DisposeAsync();
            _process = null;
            _killed = false;
            _process = await ServerProcess.StartAsync(cluster._data, _httpPort, _mqttPort,
                ["--Mqtt:Broker=External", $"--Mqtt:Url={cluster._broker!.Url}", $"--Mqtt:NodeId={_nodeId}",
                 $"--Redis:Configuration={cluster._redis!.Configuration}", "--RateLimits:UserRequestsPerSecond=100000", "--RateLimits:LoginPerMinute=100000",
                 "--Logging:LogLevel:Fajma.Server.Ingestion=Information",
                 .. cluster._store]);
        }

        public Task KillAsync()
        {
            _killed = true;
            return Process.KillAsync();
        }

        /// <summary>Set when the node's process ended by itself (not killed by the test): its last lines.</summary>
        public string? Exited => _process is { HasExited: true } p && !_killed ? p.Output : null;

        /// <summary>Kills the node if it runs (after writing its last lines to the test output).</summary>
        public async Task StopAsync()
        {
            if (_process is null) return;
            cluster._output.WriteLine($"node {Name} ({(_process.HasExited ? "had exited" : "running")}), last lines:\n{_process.Output}");
            await _process.DisposeAsync();
        }
    }
}
