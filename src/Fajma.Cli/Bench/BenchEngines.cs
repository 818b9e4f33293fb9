using Fajma.Server.Platform;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Fajma.Cli.Bench;

/// <summary>
/// The engines a cluster benchmark runs on, each fresh and on 127.0.0.1: Mosquitto and Redis from the repository's scripts
/// (Debian's packages), and a new database on the given PostgreSQL server. Their CPU is read from /proc, to report it.
/// </summary>
internal sealed class BenchEngines : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _admin;
    private readonly string _database;

    private BenchEngines(string directory, string admin, string database, int brokerPort, string? redis) =>
        (_directory, _admin, _database, BrokerPort, Redis) = (directory, admin, database, brokerPort, redis);

    public int BrokerPort { get; }

    public string? Redis { get; }

    /// <summary>The settings every node of this run takes.</summary>
    public IReadOnlyList<string> NodeSettings =>
    [
        "--Mqtt:Broker=External", $"--Mqtt:Url=mqtt://127.0.0.1:{BrokerPort}", "--Storage:Provider=Postgres",
        // Each node's pool well under the server's max_connections (docs/scale-out.md, "Connection pools must fit").
        $"--Storage:ConnectionString={new NpgsqlConnectionStringBuilder(_admin) { Database = _database, MaxPoolSize = 40 }}", .. Redis is null ? [] : (string[])[$"--Redis:Configuration={Redis}"],
    ];

    public static async Task<BenchEngines> StartAsync(bool redis, string postgres, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("fajma-bench-engines-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101); // Debian's mosquitto, started as root, runs as its own user
        var brokerPort = LoopbackPorts.Free();
        await ScriptAsync("mosquitto.sh", "start", Path.Combine(directory, "mosquitto"), brokerPort.ToString(CultureInfo.InvariantCulture));
        string? configuration = null;
        if (redis)
            configuration = (await ScriptAsync("redis.sh", "start", Path.Combine(directory, "redis"), LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture))).Trim();
        var database = "fajma_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        return new BenchEngines(directory, postgres, database, brokerPort, configuration);
    }

    /// <summary>CPU time Mosquitto and Redis have used so far.</summary>
    public (TimeSpan Broker, TimeSpan Redis) CpuTime() => (CpuOf(Path.Combine(_directory, "mosquitto", "mosquitto.pid")), CpuOf(Path.Combine(_directory, "redis", "redis.pid")));

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("redis.sh", "stop", Path.Combine(_directory, "redis"));
        await ScriptAsync("mosquitto.sh", "stop", Path.Combine(_directory, "mosquitto"));
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static TimeSpan CpuOf(string pidFile)
    {
        if (!File.Exists(pidFile)) return TimeSpan.Zero;
        var stat = File.ReadAllText($"/proc/{File.ReadAllText(pidFile).Trim()}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime + stime
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    private static async Task<string> ScriptAsync(string script, params string[] args)
    {
        var path = Path.Combine(RepositoryRoot(), "scripts", script);
        using var process = Process.Start(new ProcessStartInfo(path, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/{script} {string.Join(' ', args)}: {(await error).Trim()}");
        return await output;
    }

    /// <summary>The cluster benchmark runs from a checkout: its scripts start the engines.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "scripts", "mosquitto.sh"))) return directory.FullName;
        throw new InvalidOperationException("bench cluster runs from a checkout of the repository (scripts/mosquitto.sh not found above the binary)");
    }
}
