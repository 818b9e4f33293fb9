using Fajma.Cli.Simulation;
using Spectre.Console;

namespace Fajma.Cli.Bench;

/// <summary>
/// <c>fajma bench ingest</c>: for each server build, a fresh server process, its devices registered through the API, and
/// the load in two processes of its own — the device fleet (<c>bench generate</c>) and the screens (<c>bench watch</c>:
/// doctors of a few patients each and a central station) — then, with <c>--compare-mosquitto</c>, the same fleet against
/// Debian's Mosquitto with one subscriber of everything. One row per run; every process's CPU read from /proc.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task<IngestReport> RunAsync(IngestSettings settings, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("fajma-bench-ingest-").FullName;
        try
        {
            var rows = new List<IngestRow>();
            foreach (var build in settings.Servers)
                foreach (var protocol in settings.LiveProtocols)
                    rows.Add(await RunFajmaAsync(settings, build, directory, cancellationToken, protocol: protocol,
                        label: protocol != LiveProtocols.Json || settings.LiveProtocols.Count > 1 ? $"{BuildLabel(build)}, screens on {protocol}" : null));
            if (settings.CompareMosquitto) rows.Add(await RunMosquittoAsync(settings, directory, cancellationToken));
            return new IngestReport(settings, rows);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>One row: a fresh server process of <paramref name="build"/> (null: this build) under the settings' load.</summary>
    internal static async Task<IngestRow> RunFajmaAsync(IngestSettings settings, string? build, string directory, CancellationToken cancellationToken,
        string? label = null, string protocol = LiveProtocols.Json)
    {
        label ??= BuildLabel(build);
        await using var server = await ServerProcess.StartAsync(settings.ServerArgs, cancellationToken, build: build);
        using var http = new HttpClient();
        await FleetRegistration.SignInAsync(http, server.Url, ServerProcess.AdminEmail, ServerProcess.AdminPassword, cancellationToken);
        var (registered, probing, watchers) = await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var devices = ctx.AddTask($"{label}: registering devices", maxValue: settings.Devices + settings.Probes);
            var fleet = await FleetRegistration.RegisterAsync(http, server.Url, "BENCH", settings.Devices, settings.Mqtt,
                new Progress<int>(n => devices.Value = n), cancellationToken);
            var probes = settings.Probes == 0 ? [] : await FleetRegistration.RegisterAsync(http, server.Url, "PROBE", settings.Probes, true,
                new Progress<int>(n => devices.Value = settings.Devices + n), cancellationToken);
            var screens = ctx.AddTask($"{label}: signing watchers in", maxValue: settings.Doctors + (settings.CentralPatients > 0 ? 1 : 0));
            return (fleet, probes, await CreateWatchersAsync(http, server.Url, settings, fleet.Select(d => d.PatientId).ToList(), () => screens.Increment(1), cancellationToken));
        });
        await using var probes = probing.Count == 0 ? null : await ProbeDoctor.ConnectAsync(http, server.Url, server.MqttPort, probing, cancellationToken);
        var watchedPatients = watchers.SelectMany(w => w.Patients).ToHashSet();
        var plan = new LoadPlan(server.Url.ToString(), "127.0.0.1", settings.Tls ? server.MqttTlsPort : server.MqttPort, settings.Mqtt, settings.RateHz, "",
            [.. registered.Select(d => settings.Tls
                ? new PlannedDevice(d.DeviceId, d.Secret, d.Bundle.CertificatePem, d.Bundle.KeyPem, d.Bundle.CaPem)
                : new PlannedDevice(d.DeviceId, d.Secret))],
            watchers) { DevicesUrl = settings.Tls && !settings.Mqtt ? server.HttpsUrl.ToString() : null, LiveProtocol = protocol };
        var measurement = await StartLoadAsync(plan, settings.DevicesPerGenerator, directory, cancellationToken);
        await using var generator = measurement.Generator;
        await using var watcher = measurement.Watcher;
        probes?.Start();
        var row = await new LoadMeasurement(settings, generator, watcher, server.ProcessId,
                registered.Where(d => watchedPatients.Contains(d.PatientId)).Select(d => d.DeviceId).ToHashSet())
            {
                ServerCounters = ct => Bench.ServerCounters.ReadAsync(http, server.Url, ct),
                Measuring = measuring => probes?.Recording = measuring,
            }
            .RunAsync(label, mosquitto: false, measurement.SendTimes, measurement.ReceiptTimes, cancellationToken);
        if (probes is not null)
        {
            await probes.StopAsync();
            row = row with { Alerts = (probes.Threshold, probes.Device, probes.DeviceToServer, probes.DeviceFromServer, probes.Missed) };
        }
        foreach (var (message, count) in server.Warnings().Take(10))
            AnsiConsole.MarkupLineInterpolated(System.Globalization.CultureInfo.InvariantCulture, $"[yellow]{label}: server ({count} ×):[/] {message}");
        return row;
    }

    private static async Task<IngestRow> RunMosquittoAsync(IngestSettings settings, string directory, CancellationToken cancellationToken)
    {
        // Debian's mosquitto, started as root, runs as its own user: it must reach its folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        await using var broker = await MosquittoBroker.StartAsync(directory, cancellationToken);
        // The same devices and messages, signed with secrets of their own: Mosquitto checks nothing, it relays.
        var devices = Enumerable.Range(1, settings.Devices)
            .Select(i => new PlannedDevice($"BENCH-{i:D5}", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))).ToList();
        var plan = new LoadPlan("http://127.0.0.1/", "127.0.0.1", broker.Port, Mqtt: true, settings.RateHz, "", devices, []);
        var measurement = await StartLoadAsync(plan, settings.DevicesPerGenerator, directory, cancellationToken, subscriber: true);
        await using var generator = measurement.Generator;
        await using var watcher = measurement.Watcher;
        return await new LoadMeasurement(settings, generator, watcher, broker.ProcessId, devices.Select(d => d.DeviceId).ToHashSet())
            .RunAsync("Mosquitto 2 (1 subscriber, QoS 1)", mosquitto: true, measurement.SendTimes, measurement.ReceiptTimes, cancellationToken);
    }

    private sealed record RunningLoad(GeneratorFleet Generator, BenchChild? Watcher, IReadOnlyList<string> SendTimes, string ReceiptTimes);

    /// <summary>Starts the watchers (and waits until they are subscribed), then the generator.</summary>
    private static async Task<RunningLoad> StartLoadAsync(LoadPlan plan, int devicesPerGenerator, string directory, CancellationToken cancellationToken,
        bool subscriber = false)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string Named(string name) => Path.Combine(directory, $"{run}-{name}");
        BenchChild? watcher = null;
        if (subscriber || plan.Watchers.Count > 0)
        {
            (plan with { Devices = [], TimesFile = Named("received.tsv") }).Save(Named("watch.json"));
            watcher = BenchChild.Start("the watchers (bench watch)", ["bench", "watch", "--plan", Named("watch.json")]);
            await watcher.WaitReadyAsync(TimeSpan.FromMinutes(2), cancellationToken);
        }
        var generator = await GeneratorFleet.StartAsync(plan, devicesPerGenerator, Named, cancellationToken);
        return new RunningLoad(generator, watcher, generator.SendTimes, Named("received.tsv"));
    }

    /// <summary>
    /// Doctors of <see cref="IngestSettings.PatientsPerWatcher"/> patients each (in order, as many as cover the fleet at most)
    /// and a central station of the first <see cref="IngestSettings.Central"/> patients.
    /// </summary>
    private static async Task<List<PlannedWatcher>> CreateWatchersAsync(HttpClient admin, Uri server, IngestSettings settings, IReadOnlyList<int> patients,
        Action created, CancellationToken cancellationToken)
    {
        var lists = Enumerable.Range(0, settings.Doctors)
            .Select(d => (Name: $"doctor-{d + 1}", Patients: patients.Skip(d * settings.PatientsPerWatcher).Take(settings.PatientsPerWatcher).ToList()))
            .ToList();
        if (settings.CentralPatients > 0) lists.Add(("central-station", patients.Take(settings.CentralPatients).ToList()));
        var watchers = new PlannedWatcher[lists.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, lists.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (name, list) = lists[i];
                var token = await BenchDoctor.CreateAsync(admin, server, list, ct, $"bench-{name}@fajma.local", $"Bench {name}");
                watchers[i] = new PlannedWatcher(token, list);
                created();
            });
        return [.. watchers];
    }

    /// <summary>How a report names a server build: "Fajma (this build)", or "Fajma" and the build's folder.</summary>
    internal static string BuildLabel(string? build) => build is null ? "Fajma (this build)" : $"Fajma {BuildName(build)}";

    /// <summary>A build named by its folder (a checkout or a copy of the binaries), not by a file name every build shares.</summary>
    private static string BuildName(string build)
    {
        var path = Path.TrimEndingDirectorySeparator(build);
        return Path.GetFileName(File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : path);
    }
}
