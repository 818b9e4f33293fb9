using Fajma.Server.Platform;
using System.Diagnostics;
using Fajma.Cli.Bench;
using Fajma.Devices.Outbox;
using Fajma.Devices.Transport;
using Fajma.Server;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Fajma.Cli.Tests;

/// <summary>
/// The SDK's promise, end to end with the real server and a real device process (<c>fajma simulate --outbox</c>): the
/// server goes away for 60 s while the devices keep measuring, the device process is killed with SIGKILL while
/// thousands of readings are queued and started again, the server comes back — and every reading the devices
/// committed to their outboxes is stored exactly once.
/// </summary>
public sealed class DeviceOutboxOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Devices = 10;
    private const double Rate = 10;
    private static readonly TimeSpan s_outage = TimeSpan.FromSeconds(60);
    private const int MeasuredBySecondRun = 600; // a minute's readings per device: the outage's end and 30 s or so after it
    private readonly string _data = Directory.CreateTempSubdirectory("fajma-outage-").FullName;
    private readonly string _outbox = Directory.CreateTempSubdirectory("fajma-outbox-").FullName;
    private readonly int _httpPort = LoopbackPorts.Free();
    private readonly int _mqttPort = LoopbackPorts.Free();
    private readonly int _tlsPort = LoopbackPorts.Free();
    private WebApplication? _server;

    private Uri Url => new($"http://127.0.0.1:{_httpPort}");

    [Fact]
    public async Task ReadingsMadeDuringAServerOutageAndAcrossAKillOfTheDeviceProcessAreAllStoredOnce()
    {
        _server = await StartServerAsync();
        var device = DeviceProcess.Start(Url, _outbox);
        try
        {
            await UntilAsync(async () => await StoredAsync() >= Devices * 5, TimeSpan.FromSeconds(90), () => $"no readings stored:\n{device.Output}");

            await StopServerAsync();
            var outageStarted = Stopwatch.StartNew();
            await UntilAsync(() => Task.FromResult(Queued() >= 3000), TimeSpan.FromSeconds(60), () => $"the outboxes did not fill:\n{device.Output}");
            var queuedAtKill = Queued();
            device.Kill(); // SIGKILL with thousands of readings waiting for an acknowledgement
            // The same devices (fleet.json): no registration, the server is still away. They measure through the rest of the
            // outage and on after the server's return, then stop and exit once the server holds every reading.
            device = DeviceProcess.Start(Url, _outbox, readings: MeasuredBySecondRun);

            // The restarted process measures on before the server returns (on a loaded machine its start can take seconds: waited
            // for, not assumed), and the outage lasts at least its full minute.
            await UntilAsync(() => Task.FromResult(Queued() > queuedAtKill), TimeSpan.FromSeconds(60), () => $"the restarted devices queued nothing:\n{device.Output}");
            var rest = s_outage - outageStarted.Elapsed;
            if (rest > TimeSpan.Zero) await Task.Delay(rest);
            var queuedAtReturn = Queued();
            _server = await StartServerAsync();
            Assert.True(await device.ExitedAsync(TimeSpan.FromMinutes(6)), $"the backlog did not drain:\n{device.Output}");
            Assert.True(device.ExitCode == 0, $"the devices exited with {device.ExitCode}:\n{device.Output}");

            // Their outboxes are empty: forwarding what is left, as a next run would, finds nothing; and the accounts follow.
            var accounts = await DrainRemainingAsync();
            var stored = await StoredByDeviceAsync();
            output.WriteLine($"queued at the kill {queuedAtKill:N0}, queued when the server came back {queuedAtReturn:N0}; " +
                $"made {accounts.Sum(a => a.Made):N0}, stored {stored.Values.Sum():N0}, parked {accounts.Sum(a => a.Parked)}, dropped {accounts.Sum(a => a.Dropped)}");
            // Nothing queued was lost to the SIGKILL, and the devices kept measuring through the outage (how many they made in the
            // minute depends on the machine's load; that they queued more than they held at the kill does not).
            Assert.True(queuedAtReturn > queuedAtKill, $"{queuedAtReturn} readings waiting when the server came back, {queuedAtKill} at the kill");
            Assert.All(accounts, a =>
            {
                Assert.Equal(0, a.Parked);
                Assert.Equal(0, a.Dropped);
                Assert.Equal(a.Made, stored.GetValueOrDefault(a.DeviceId)); // every reading made, none twice (message ids are unique keys)
            });
            await using var scope = _server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
            var heartRates = await db.Observations.CountAsync(o => o.DeviceId.StartsWith("OUT-") && o.Type == "heart_rate");
            Assert.Equal(stored.Values.Sum(), heartRates); // one heart rate per message: no message was half-applied or applied twice
        }
        finally
        {
            device.Kill();
        }
    }

    private sealed record Account(string DeviceId, long Made, long Parked, long Dropped);

    private async Task<List<Account>> DrainRemainingAsync()
    {
        using var http = new HttpClient();
        var accounts = new List<Account>();
        foreach (var file in Directory.GetFiles(_outbox, "*.outbox.db"))
        {
            using var outbox = SqliteOutbox.Open(file);
            var result = await new OutboxForwarder(outbox, new HttpDeviceTransport(http, Url)).DrainAsync(CancellationToken.None);
            Assert.False(result.Stalled, result.LastFailure);
            accounts.Add(new Account(Path.GetFileName(file).Split('.')[0], outbox.EverEnqueued, outbox.Parked, outbox.Dropped));
        }
        Assert.Equal(Devices, accounts.Count);
        return accounts;
    }

    /// <summary>Readings waiting in all outboxes, read beside the device process that writes them (WAL lets both).</summary>
    private long Queued() => Directory.GetFiles(_outbox, "*.outbox.db").Sum(file =>
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM outbox WHERE parked_reason IS NULL;";
        try
        {
            return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            return 0; // created a moment ago: the device has not made its table yet
        }
    });

    private async Task<long> StoredAsync() => (await StoredByDeviceAsync()).Values.Sum();

    private async Task<Dictionary<string, int>> StoredByDeviceAsync()
    {
        await using var scope = _server!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        return await db.IngestedMessages.Where(m => m.DeviceId.StartsWith("OUT-")).GroupBy(m => m.DeviceId)
            .ToDictionaryAsync(g => g.Key, g => g.Count());
    }

    private async Task<WebApplication> StartServerAsync()
    {
        var server = FajmaServer.Build([$"--Urls=http://127.0.0.1:{_httpPort}", $"--Mqtt:Port={_mqttPort}", $"--Mqtt:TlsPort={_tlsPort}", $"--Storage:DataDirectory={_data}",
            "--Logging:LogLevel:Default=Warning", "--Auth:BootstrapAdminEmail=ops@test.fajma", "--Auth:BootstrapAdminPassword=ops-password-1"]);
        await server.MigrateStoreAsync();
        await server.StartAsync();
        return server;
    }

    private async Task StopServerAsync()
    {
        if (_server is null) return;
        await _server.StopAsync();
        await _server.DisposeAsync();
        _server = null;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > within) Assert.Fail(failure());
            await Task.Delay(200);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopServerAsync();
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_outbox, recursive: true);
    }

    /// <summary><c>fajma simulate --outbox</c> in its own OS process, so the test can SIGKILL it.</summary>
    private sealed class DeviceProcess
    {
        private readonly Process _process;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

        private DeviceProcess(Process process) => _process = process;

        public string Output => string.Join('\n', _output.TakeLast(40));

        public static DeviceProcess Start(Uri server, string outbox, int? readings = null)
        {
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "fajma.dll"), "simulate", "--url", server.ToString(), "--transport", "http",
                         "--devices", Devices.ToString(System.Globalization.CultureInfo.InvariantCulture), "--rate", Rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                         "--prefix", "OUT", "--outbox", outbox, "--email", "ops@test.fajma", "--password", "ops-password-1"])
                start.ArgumentList.Add(arg);
            if (readings is { } count)
            {
                start.ArgumentList.Add("--readings");
                start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            var device = new DeviceProcess(Process.Start(start)!);
            device._process.OutputDataReceived += (_, e) => device.Keep(e.Data);
            device._process.ErrorDataReceived += (_, e) => device.Keep(e.Data);
            device._process.BeginOutputReadLine();
            device._process.BeginErrorReadLine();
            return device;
        }

        private void Keep(string? line)
        {
            if (line is null) return;
            _output.Enqueue(line);
            while (_output.Count > 200) _output.TryDequeue(out _);
        }

        public int ExitCode => _process.ExitCode;

        public async Task<bool> ExitedAsync(TimeSpan within)
        {
            using var timeout = new CancellationTokenSource(within);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Kill()
        {
            if (_process.HasExited) return;
            _process.Kill();
            _process.WaitForExit();
        }
    }
}
