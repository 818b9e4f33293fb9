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
        var (brokerPort, _) = await BenchScripts.StartOnFreePortAsync("mosquitto.sh", Path.Combine(directory, "mosquitto"), cancellationToken);
        string? configuration = null;
        if (redis)
            configuration = (await BenchScripts.StartOnFreePortAsync("redis.sh", Path.Combine(directory, "redis"), cancellationToken)).Output.Trim();
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

    private static TimeSpan CpuOf(string pidFile) =>
        File.Exists(pidFile) ? ProcessCpu.Of(int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture)) : TimeSpan.Zero;

    private static Task<string> ScriptAsync(string script, params string[] args) => BenchScripts.RunAsync(script, args);
}
