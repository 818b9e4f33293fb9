using Fajma.Server.Platform;
using System.Globalization;
using Npgsql;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL of a test's own (<c>scripts/postgres.sh</c>), for tests that stop it: not the shared
/// <c>FAJMA_TEST_POSTGRES</c> server other test classes use meanwhile. Stopped immediately (no checkpoint) and started again
/// on the same data and port, as a crashed database server comes back.
/// </summary>
public sealed class TestPostgres : IAsyncDisposable
{
    private readonly string _parent;
    private readonly string _directory;

    private TestPostgres(string parent, int port)
    {
        _parent = parent;
        _directory = Path.Combine(parent, "pg");
        Port = port;
    }

    public int Port { get; }

    public string AdminConnection { get; private set; } = "";

    public static async Task<TestPostgres> StartAsync()
    {
        // Run as root, the script runs PostgreSQL as the postgres user, which must reach the directory.
        var postgres = new TestPostgres(TestMosquitto.OpenToMosquitto(Directory.CreateTempSubdirectory("fajma-pg-").FullName), LoopbackPorts.Free());
        postgres.AdminConnection = (await RunAsync("start", postgres._directory, postgres.Port.ToString(CultureInfo.InvariantCulture))).Trim();
        return postgres;
    }

    /// <summary>A new database on this server: the <c>Storage:*</c> settings of a node using it.</summary>
    public async Task<(string ConnectionString, string[] Settings)> CreateDatabaseAsync()
    {
        var name = "fajma_fault_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(AdminConnection))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Every node's pool must fit the server's max_connections (400 in scripts/postgres.sh): Npgsql's default of 100 per
        // node does not, once two nodes drain a backlog with hundreds of messages in flight (docs/scale-out.md, "Fault runs").
        var database = new NpgsqlConnectionStringBuilder(AdminConnection) { Database = name, MaxPoolSize = 60 }.ConnectionString;
        return (database, ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={database}"]);
    }

    /// <summary><c>pg_ctl stop -m immediate</c>: every connection cut at once, as when the database server dies.</summary>
    public Task StopAsync() => RunAsync("stop", _directory);

    public Task StartAgainAsync() => RunAsync("start-again", _directory, Port.ToString(CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync("stop", _directory);
        try
        {
            Directory.Delete(_parent, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp: harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Owned by postgres and left in /tmp: harmless.
        }
    }

    private static Task<string> RunAsync(params string[] args) => RepositoryScript.RunAsync("postgres.sh", "the fault runs need Debian's postgresql", args);
}
