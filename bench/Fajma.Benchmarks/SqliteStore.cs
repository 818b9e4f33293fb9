using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Benchmarks;

/// <summary>
/// A throw-away SQLite store in a temporary directory, migrated and set up as the server sets its own
/// (StorageExtensions: WAL, identity columns sealed), with one patient and its device to write readings for.
/// </summary>
public sealed class SqliteStore : IDbContextFactory<FajmaDbContext>, IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fajma-bench-").FullName;
    private readonly DbContextOptions<SqliteFajmaDbContext> _options;

    public SqliteStore()
    {
        ConnectionString = $"Data Source={Path.Combine(_directory, "fajma.db")};Pooling=True";
        var keyring = new IdentityKeyring([("bench", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))]);
        var builder = new DbContextOptionsBuilder<SqliteFajmaDbContext>().UseSqlite(ConnectionString);
        builder.UseIdentitySeal(keyring);
        _options = builder.Options;
    }

    public string ConnectionString { get; }

    public int PatientId { get; private set; }

    public FajmaDbContext CreateDbContext() => new SqliteFajmaDbContext(_options);

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = CreateDbContext();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        var patient = new Patient { DisplayName = "Bench Patient", DateOfBirth = new DateOnly(1950, 1, 1), CreatedAt = Inputs.At };
        patient.Devices.Add(new Device { Id = Inputs.DeviceId, Type = "esp32", RegisteredAt = Inputs.At });
        db.Patients.Add(patient);
        await db.SaveChangesAsync(cancellationToken);
        PatientId = patient.Id;
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        Directory.Delete(_directory, recursive: true);
    }
}
