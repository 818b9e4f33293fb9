using System.CommandLine;
using Fajma.Cli.Bench;

namespace Fajma.Cli.Commands;

/// <summary><c>fajma bench ingest</c>, <c>alerts</c>, <c>cluster</c>, <c>overload</c> and <c>idle</c>: end-to-end benchmarks with a printed report.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var devices = new Option<int>("--devices") { Description = "Simulated devices", DefaultValueFactory = _ => 1000 };
        var rate = new Option<double>("--rate") { Description = "Messages per second per device", DefaultValueFactory = _ => 5 };
        var transport = new Option<string>("--transport") { Description = "mqtt or http", DefaultValueFactory = _ => "mqtt" };
        transport.AcceptOnlyFromAmong("mqtt", "http");
        var tls = new Option<bool>("--tls") { Description = "Over TLS, each device with its client certificate: MQTT on the broker's TLS port, or HTTPS with --transport http" };
        var duration = new Option<int>("--duration") { Description = "Seconds measured", DefaultValueFactory = _ => 30 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds of warm-up, not measured (longer while the fleet is still connecting)", DefaultValueFactory = _ => 10 };
        var report = new Option<FileInfo?>("--report") { Description = "Also write the report as Markdown to this file" };
        var watchers = new Option<int>("--watchers") { Description = "Doctors watching live, each a SignalR client (capped at what covers every device once)", DefaultValueFactory = _ => 100 };
        var perWatcher = new Option<int>("--patients-per-watcher") { Description = "Patients each doctor subscribes to", DefaultValueFactory = _ => 20 };
        var central = new Option<int>("--central") { Description = "Patients on one central-station screen (capped at the device count)", DefaultValueFactory = _ => 100 };
        var mosquitto = new Option<bool>("--compare-mosquitto") { Description = "Then run the same generator against Debian's Mosquitto with one subscriber (QoS 1), in the same report" };
        var perGenerator = new Option<int>("--devices-per-generator")
        {
            Description = "Devices each generator process plays: the fleet is split over as many processes as it takes",
            DefaultValueFactory = _ => GeneratorFleet.DefaultDevicesPerProcess,
        };
        perGenerator.AtLeast(1);
        var liveProtocols = new Option<string[]>("--live-protocol")
        {
            Description = "The screens' hub protocol: json (a browser's default) or messagepack; give several for a row each, in order (json messagepack json messagepack)",
            DefaultValueFactory = _ => [LiveProtocols.Json],
        };
        liveProtocols.Validators.Add(r =>
        {
            foreach (var protocol in r.GetValueOrDefault<string[]>() ?? [])
                if (!LiveProtocols.All.Contains(protocol)) r.AddError($"--live-protocol {protocol}: the screens speak {string.Join(" or ", LiveProtocols.All)}");
        });
        var ingestProbes = new Option<int>("--probes")
        {
            Description = "Probe devices (MQTT) that turn critical again and again beside the fleet, their doctor timing each alert (default: none)",
        };
        var servers = new Option<string[]>("--server")
        {
            Description = "Bench this build as the server: a fajma.dll, its folder or a built checkout; give it twice for two rows (default: this build)",
        };
        devices.AtLeast(1);
        duration.AtLeast(1);
        warmup.AtLeast(0);
        watchers.AtLeast(0);
        perWatcher.AtLeast(1);
        central.AtLeast(0);
        ingestProbes.AtLeast(0);
        rate.Require(value => value > 0, "--rate must be above 0 messages per second");
        servers.Validators.Add(r =>
        {
            foreach (var build in r.GetValueOrDefault<string[]>() ?? [])
                if (FajmaLauncher.TryResolve(build) is null) r.AddError($"--server {build}: no fajma.dll there (give a fajma.dll, its folder or a built checkout)");
        });
        var ingest = new Command("ingest", "Devices → server → SignalR watchers: throughput, latency, CPU per message of the server, generator and watchers")
        {
            devices, rate, transport, tls, duration, warmup, report, watchers, perWatcher, central, mosquitto, servers, perGenerator, liveProtocols, ingestProbes,
        };
        ingest.Validators.Add(r =>
        {
            if (r.GetValue(mosquitto) && (r.GetValue(transport) == "http" || r.GetValue(tls)))
                r.AddError("--compare-mosquitto: Mosquitto is compared over plain MQTT only (drop --transport http and --tls)");
        });
        ingest.TreatUnmatchedTokensAsErrors = false;
        ingest.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = new IngestSettings(parseResult.GetValue(devices), parseResult.GetValue(rate), parseResult.GetValue(transport) == "mqtt",
                parseResult.GetValue(tls), TimeSpan.FromSeconds(parseResult.GetValue(warmup)), TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                parseResult.GetValue(watchers), parseResult.GetValue(perWatcher), parseResult.GetValue(central), parseResult.GetValue(mosquitto),
                Builds(parseResult, servers), [.. parseResult.UnmatchedTokens])
            {
                DevicesPerGenerator = parseResult.GetValue(perGenerator),
                LiveProtocols = parseResult.GetValue(liveProtocols)!, // in order, repeats allowed: A B A B side by side
                Probes = parseResult.GetValue(ingestProbes),
            };
            var result = await IngestBenchmark.RunAsync(settings, cancellationToken);
            result.Print();
            if (parseResult.GetValue(report) is { } file) await File.WriteAllTextAsync(file.FullName, result.ToMarkdown(), cancellationToken);
            return 0;
        });
        var alerts = CreateAlerts(duration, warmup, report);
        return new Command("bench", "Benchmarks that print a report")
        {
            ingest, alerts, CreateCluster(duration, warmup, report), CreateOverload(warmup, report),
            CreateIdle(duration, warmup, report, watchers, perWatcher, central, perGenerator, servers),
            LoadProcessCommand("generate", "The simulated devices of a bench, in their own process", GeneratorProcess.RunAsync),
            LoadProcessCommand("watch", "The live screens of a bench, in their own process", WatcherProcess.RunAsync),
        };
    }

    /// <summary>The server builds <c>--server</c> names, in order (null: this build, when none is given).</summary>
    private static List<string?> Builds(ParseResult parseResult, Option<string[]> servers) =>
        parseResult.GetValue(servers) is { Length: > 0 } given ? [.. given] : [null];

    /// <summary>A hidden subcommand the benches start as a child process (<see cref="BenchChild"/>) with a plan file.</summary>
    private static Command LoadProcessCommand(string name, string description, Func<string, CancellationToken, Task<int>> run)
    {
        var plan = new Option<string>("--plan") { Description = "The plan file the bench wrote", Required = true };
        var command = new Command(name, description) { plan };
        command.Hidden = true;
        command.SetAction((parseResult, cancellationToken) => run(parseResult.GetValue(plan)!, cancellationToken));
        return command;
    }

    /// <summary><c>fajma bench cluster</c>: one node, one node with Redis, then two nodes with Redis, side by side over Mosquitto and PostgreSQL.</summary>
    private static Command CreateCluster(Option<int> duration, Option<int> warmup, Option<FileInfo?> report)
    {
        var devices = new Option<int>("--devices") { Description = "Simulated devices (MQTT)", DefaultValueFactory = _ => 500 };
        var rate = new Option<double>("--rate") { Description = "Messages per second per device", DefaultValueFactory = _ => 2 };
        var postgres = new Option<string>("--postgres")
        {
            Description = "A PostgreSQL server where the user may create databases (default: $FAJMA_TEST_POSTGRES, which scripts/postgres.sh prints)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("FAJMA_TEST_POSTGRES") ?? "",
        };
        var cluster = new Command("cluster", "One node, one node with Redis, then two nodes with Redis, over Mosquitto and PostgreSQL: the cost of the cluster")
        {
            devices, rate, duration, warmup, report, postgres,
        };
        cluster.SetAction(async (parseResult, cancellationToken) =>
        {
            if (string.IsNullOrEmpty(parseResult.GetValue(postgres)))
            {
                Console.Error.WriteLine("--postgres: a PostgreSQL connection string is required (scripts/postgres.sh start DIR PORT prints one)");
                return 2;
            }
            var result = await ClusterBenchmark.RunAsync(parseResult.GetValue(devices), parseResult.GetValue(rate), TimeSpan.FromSeconds(parseResult.GetValue(warmup)),
                TimeSpan.FromSeconds(parseResult.GetValue(duration)), parseResult.GetValue(postgres)!, cancellationToken);
            result.Print();
            if (parseResult.GetValue(report) is { } file) await File.WriteAllTextAsync(file.FullName, result.ToMarkdown(), cancellationToken);
            return 0;
        });
        return cluster;
    }

    /// <summary><c>fajma bench idle</c>: many quiet devices against a few busy ones offering the same rate.</summary>
    private static Command CreateIdle(Option<int> duration, Option<int> warmup, Option<FileInfo?> report, Option<int> watchers, Option<int> perWatcher,
        Option<int> central, Option<int> perGenerator, Option<string[]> servers)
    {
        var devices = new Option<int>("--devices") { Description = "Quiet devices (MQTT), all connected at once", DefaultValueFactory = _ => 20_000 };
        var rate = new Option<double>("--rate") { Description = "Messages per second per quiet device (the seed's one per 5 s)", DefaultValueFactory = _ => 0.2 };
        var busy = new Option<int>("--busy-devices") { Description = "Devices offering the same total rate in the comparison run", DefaultValueFactory = _ => 1000 };
        devices.AtLeast(2);
        busy.AtLeast(1);
        rate.Require(value => value > 0, "--rate must be above 0 messages per second");
        var idle = new Command("idle", "Thousands of quiet devices against a few busy ones at the same rate: throughput, latency and memory per connection")
        {
            devices, rate, busy, duration, warmup, report, watchers, perWatcher, central, perGenerator, servers,
        };
        idle.TreatUnmatchedTokensAsErrors = false;
        idle.SetAction(async (parseResult, cancellationToken) =>
        {
            // Here, not in a command validator: there an option left to its default reads as 0.
            if (parseResult.GetValue(busy) >= parseResult.GetValue(devices))
            {
                await Console.Error.WriteLineAsync("--busy-devices must be fewer than --devices: the comparison is few busy devices against many quiet ones");
                return 2;
            }
            var quiet = new IngestSettings(parseResult.GetValue(devices), parseResult.GetValue(rate), Mqtt: true, Tls: false,
                TimeSpan.FromSeconds(parseResult.GetValue(warmup)), TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                parseResult.GetValue(watchers), parseResult.GetValue(perWatcher), parseResult.GetValue(central), CompareMosquitto: false,
                Builds(parseResult, servers), [.. parseResult.UnmatchedTokens]) { DevicesPerGenerator = parseResult.GetValue(perGenerator) };
            var result = await IdleBenchmark.RunAsync(new IdleSettings(quiet, parseResult.GetValue(busy)), cancellationToken);
            result.Print();
            if (parseResult.GetValue(report) is { } file) await File.WriteAllTextAsync(file.FullName, result.ToMarkdown(), cancellationToken);
            return 0;
        });
        return idle;
    }

    /// <summary><c>fajma bench overload</c>: far more than the server can take, for minutes; what it does about it.</summary>
    private static Command CreateOverload(Option<int> warmup, Option<FileInfo?> report)
    {
        var devices = new Option<int>("--devices") { Description = "Flooding devices (MQTT 5)", DefaultValueFactory = _ => 2000 };
        var rate = new Option<double>("--rate") { Description = "Messages per second per device (offer about 3× what the server takes)", DefaultValueFactory = _ => 15 };
        var probes = new Option<int>("--probes") { Description = "Devices that turn critical again and again", DefaultValueFactory = _ => 5 };
        var duration = new Option<int>("--duration") { Description = "Seconds of overload measured", DefaultValueFactory = _ => 600 };
        devices.AtLeast(1);
        probes.AtLeast(1);
        duration.AtLeast(1);
        rate.Require(value => value > 0, "--rate must be above 0 messages per second");
        var overload = new Command("overload", "A flood far above saturation for minutes: no crash, memory bounded, alerts on time, devices told to slow down, nothing acknowledged lost")
        {
            devices, rate, probes, duration, warmup, report,
        };
        overload.TreatUnmatchedTokensAsErrors = false;
        overload.SetAction(async (parseResult, cancellationToken) =>
        {
            var result = await OverloadBenchmark.RunAsync(new OverloadSettings(parseResult.GetValue(devices), parseResult.GetValue(rate), parseResult.GetValue(probes),
                TimeSpan.FromSeconds(parseResult.GetValue(warmup)), TimeSpan.FromSeconds(parseResult.GetValue(duration)), [.. parseResult.UnmatchedTokens]), cancellationToken);
            result.Print();
            if (parseResult.GetValue(report) is { } file) await File.WriteAllTextAsync(file.FullName, result.ToMarkdown(), cancellationToken);
            return result.ServerAlive && result.Lost == 0 ? 0 : 1;
        });
        return overload;
    }

    /// <summary><c>fajma bench alerts</c>: alert latency while a flood of vitals runs.</summary>
    private static Command CreateAlerts(Option<int> duration, Option<int> warmup, Option<FileInfo?> report)
    {
        var devices = new Option<int>("--devices") { Description = "Flooding devices", DefaultValueFactory = _ => 1000 };
        var rate = new Option<double>("--rate") { Description = "Messages per second per flooding device", DefaultValueFactory = _ => 2.5 };
        var probes = new Option<int>("--probes") { Description = "Devices that turn critical again and again", DefaultValueFactory = _ => 5 };
        var alerts = new Command("alerts", "Alert latency (device publish → doctor receive) while devices flood the server")
        {
            devices, rate, probes, duration, warmup, report,
        };
        alerts.TreatUnmatchedTokensAsErrors = false;
        alerts.SetAction(async (parseResult, cancellationToken) =>
        {
            var result = await AlertBenchmark.RunAsync(parseResult.GetValue(devices), parseResult.GetValue(rate), parseResult.GetValue(probes),
                TimeSpan.FromSeconds(parseResult.GetValue(warmup)), TimeSpan.FromSeconds(parseResult.GetValue(duration)), [.. parseResult.UnmatchedTokens], cancellationToken);
            result.Print();
            if (parseResult.GetValue(report) is { } file) await File.WriteAllTextAsync(file.FullName, result.ToMarkdown(), cancellationToken);
            return 0;
        });
        return alerts;
    }
}
