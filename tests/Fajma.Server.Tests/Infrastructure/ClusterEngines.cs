namespace Fajma.Server.Tests.Infrastructure;

/// <summary>
/// What the nodes of a test cluster share, fresh for each test class: Redis, a Mosquitto when the nodes use an external
/// broker, a store (a new database on the shared <c>FAJMA_TEST_POSTGRES</c> server, or on a PostgreSQL of the cluster's
/// own for tests that stop it) and one data directory (the keys every node must hold alike).
/// </summary>
internal sealed class ClusterEngines : IAsyncDisposable
{
    private TestDatabase? _database;

    private ClusterEngines()
    {
    }

    public TestRedis Redis { get; private set; } = null!;

    /// <summary>Set when the nodes use an external broker (<c>Mqtt:Broker=External</c>).</summary>
    public TestMosquitto? Broker { get; private set; }

    /// <summary>Set when the cluster has a PostgreSQL of its own (a test stops it and starts it again).</summary>
    public TestPostgres? Postgres { get; private set; }

    /// <summary>The shared server's database the nodes use; null on a PostgreSQL of the cluster's own.</summary>
    public TestDatabase? Database => _database;

    /// <summary>The nodes' database, for a test's own queries (the fault checker's).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The <c>Storage:*</c> settings of a node using the store.</summary>
    public string[] StoreSettings { get; private set; } = [];

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("fajma-cluster-").FullName;

    /// <summary>Starts the engines side by side; on a failure, stops those that did start before throwing.</summary>
    public static async Task<ClusterEngines> StartAsync(bool externalBroker = false, bool ownPostgres = false)
    {
        var engines = new ClusterEngines();
        var redis = TestRedis.StartAsync();
        var broker = externalBroker ? TestMosquitto.StartAsync() : Task.FromResult<TestMosquitto>(null!);
        var postgres = ownPostgres ? TestPostgres.StartAsync() : Task.FromResult<TestPostgres>(null!);
        var database = ownPostgres ? Task.FromResult<TestDatabase>(null!) : TestDatabase.PostgresAsync();
        try
        {
            await Task.WhenAll(redis, broker, postgres, database);
        }
        finally
        {
            engines.Redis = redis.IsCompletedSuccessfully ? redis.Result : null!;
            engines.Broker = broker.IsCompletedSuccessfully ? broker.Result : null;
            engines.Postgres = postgres.IsCompletedSuccessfully ? postgres.Result : null;
            engines._database = database.IsCompletedSuccessfully ? database.Result : null;
            if (!redis.IsCompletedSuccessfully || !broker.IsCompletedSuccessfully || !postgres.IsCompletedSuccessfully || !database.IsCompletedSuccessfully)
                await engines.DisposeAsync();
        }
        try
        {
            if (engines._database is { } shared) (engines.ConnectionString, engines.StoreSettings) = (shared.ConnectionString!, [.. shared.Args]);
            else (engines.ConnectionString, engines.StoreSettings) = await engines.Postgres!.CreateDatabaseAsync();
        }
        catch
        {
            await engines.DisposeAsync();
            throw;
        }
        return engines;
    }

    /// <summary>
    /// A node's settings for the engines, then <paramref name="settings"/> of the test's own: the broker when there is one
    /// (as <paramref name="nodeId"/>, the client id its session at the broker is kept under), and Redis.
    /// </summary>
    public string[] NodeSettings(string nodeId, params string[] settings) =>
    [
        .. Broker is null ? [] : (string[])["--Mqtt:Broker=External", $"--Mqtt:Url={Broker.Url}", $"--Mqtt:NodeId={nodeId}"],
        $"--Redis:Configuration={Redis.Configuration}", .. settings,
    ];

    /// <summary>Stops the broker, Redis and the store, in that order, once the nodes using them are stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Broker is not null) await Broker.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        if (Postgres is not null) await Postgres.DisposeAsync();
        Broker = null;
        Redis = null!;
        _database = null;
        Postgres = null;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp (or already gone): harmless.
        }
    }
}
