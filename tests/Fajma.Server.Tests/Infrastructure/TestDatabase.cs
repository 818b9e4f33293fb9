using Npgsql;

namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// A fresh database per test class. SQLite: a file in a new temp directory. PostgreSQL: a new database
/// on the server named by <c>FAJMA_TEST_POSTGRES</c> (the test script starts one on 127.0.0.1).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "FAJMA_TEST_POSTGRES";

    /// <summary>The most connections one process opens to a test database.</summary>
    public const int PoolSize = 40;

    private readonly string? _adminConnection;
    private readonly string? _databaseName;

    private TestDatabase(string directory, IReadOnlyList<string> args, string? adminConnection, string? databaseName, string? connectionString = null)
    {
        Directory = directory;
        Args = args;
        ConnectionString = connectionString;
        _adminConnection = adminConnection;
        _databaseName = databaseName;
    }

    public string Directory { get; }

    /// <summary>Configuration arguments selecting this database.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>PostgreSQL: the connection string to this database (for a test's own queries); SQLite: null.</summary>
    public string? ConnectionString { get; }

    public static Task<TestDatabase> SqliteAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("fajma-test-").FullName;
        return Task.FromResult(new TestDatabase(directory, [$"--Storage:DataDirectory={directory}"], null, null));
    }

    public static async Task<TestDatabase> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException($"PostgreSQL store tests need {PostgresVariable} (a connection string to a server where the user may create databases). ./test.sh starts one and sets it.");
        var name = "fajma_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        // Up to three test classes run at once beside the CLI's tests, some with two node processes each, all on one server:
        // Npgsql's default of 100 connections per pool would let them exceed its max_connections (scripts/postgres.sh).
        var database = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = PoolSize }.ConnectionString;
        var directory = System.IO.Directory.CreateTempSubdirectory("fajma-test-").FullName;
        return new TestDatabase(directory, ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={database}"], admin, name, database);
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Temp files are harmless if something still holds them.
        }
    }
}
