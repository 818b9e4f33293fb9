using Fajma.Cli.Commands;
using Fajma.Core.Alerts;
using Fajma.Core.Wire;
using Fajma.Server;
using Fajma.Server.Alerts;
using Fajma.Server.Devices;
using Fajma.Server.Ingestion;
using Fajma.Server.Privacy;
using Fajma.Server.Records;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace Fajma.Cli.Tests;

/// <summary>
/// A store (SQLite, or a new PostgreSQL database on <c>FAJMA_TEST_POSTGRES</c>) with a data directory for its master key.
/// <see cref="Args"/> select it as for <c>fajma serve</c>.
/// </summary>
public sealed class BackupStore : IAsyncDisposable
{
    private readonly string? _database;

    private BackupStore(string directory, string? database, string[] args) => (Directory, _database, Args) = (directory, database, args);

    public string Directory { get; }

    public string[] Args { get; }

    public string MasterKeyPath => Path.Combine(Directory, "keys", "master.key");

    public static async Task<BackupStore> NewAsync(bool postgres)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("fajma-backup-").FullName;
        if (!postgres) return new BackupStore(directory, null, [$"--Storage:DataDirectory={directory}", "--Logging:LogLevel:Default=Warning"]);
        var admin = Environment.GetEnvironmentVariable("FAJMA_TEST_POSTGRES")
            ?? throw new InvalidOperationException("PostgreSQL backup tests need FAJMA_TEST_POSTGRES (./test.sh starts a server and sets it)");
        var name = "fajma_backup_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        // The server is shared with the server tests running meanwhile: a small pool keeps all within its max_connections.
        var database = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 20 }.ConnectionString;
        return new BackupStore(directory, name, [$"--Storage:DataDirectory={directory}", "--Storage:Provider=Postgres",
            $"--Storage:ConnectionString={database}", "--Logging:LogLevel:Default=Warning"]);
    }

    public WebApplication Server() => FajmaServer.Build(["--Urls=http://127.0.0.1:0", "--Mqtt:Enabled=false", .. Args]);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("FAJMA_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>
/// One running server's store with a hospital's kinds of data — patients, devices, sealed observations, a sealed alert, the
/// audit trail — backed up once, while the server runs, with <c>fajma backup</c>; then one patient is erased. Each test restores it its own way.
/// </summary>
public abstract class BackupSource(bool postgres) : IAsyncLifetime
{
    public const double FirstHeartRate = 131.25;
    public const double SecondHeartRate = 58.5;

    public BackupStore Store { get; private set; } = null!;

    public string Archive => Path.Combine(Store.Directory, "store.fajmabak");

    public string KeyPath => Path.Combine(Store.Directory, "backup.key");

    public bool Postgres { get; } = postgres;

    public List<int> Patients { get; } = [];

    public Guid AlertId { get; private set; }

    /// <summary>A patient in the archive, erased after the backup was taken (its erasure request was filed before).</summary>
    public int ErasedPatient { get; private set; }

    public int ErasureRequest { get; private set; }

    public long AuditEntries { get; private set; }

    public string BackupOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Store = await BackupStore.NewAsync(Postgres);
        Assert.Equal(0, (await ConsoleOutput.CaptureAsync(() => Cli(["backup", "keygen", "--key", KeyPath]))).Exit);
        await using var app = Store.Server();
        await app.MigrateStoreAsync();
        await app.StartAsync();
        Patients.Add(await PatientWithReadingAsync(app, FirstHeartRate));
        Patients.Add(await PatientWithReadingAsync(app, SecondHeartRate));
        AlertId = await SealedAlertAsync(app, Patients[0]);
        ErasedPatient = await PatientWithReadingAsync(app, 77);
        ErasureRequest = await FileErasureRequestAsync(app, ErasedPatient);
        await app.Services.GetRequiredService<AuditLog>().RecordAsync(AuditActor.Console("test").Did(AuditActions.PatientRead, Patients[0]), CancellationToken.None);
        await using (var scope = app.Services.CreateAsyncScope())
            AuditEntries = scope.ServiceProvider.GetRequiredService<FajmaDbContext>().AuditEntries.LongCount();

        // The server is running and holds the store open while the backup is taken.
        var (exit, output) = await ConsoleOutput.CaptureAsync(() => Cli(["backup", "--out", Archive, "--key", KeyPath, .. Store.Args]));
        BackupOutput = output;
        Assert.True(exit == 0, output);
        await app.Services.GetRequiredService<Erasure>().EraseAsync(ErasureRequest, AuditActor.Console("test"), "approved after the backup", null, CancellationToken.None);
        await app.StopAsync();
    }

    public static Task<int> Cli(string[] args) => new System.CommandLine.RootCommand { BackupCommand.Create(), BackupCommand.CreateRestore() }.Parse(args).InvokeAsync();

    private static async Task<int> PatientWithReadingAsync(WebApplication app, double heartRate)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        var patient = new Patient { DisplayName = $"Backup patient {heartRate}", DateOfBirth = new DateOnly(1950, 3, 4) };
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        var bundle = await scope.ServiceProvider.GetRequiredService<DeviceProvisioning>()
            .ProvisionAsync($"BACKUP-{patient.Id}-{Guid.NewGuid().ToString("N")[..6]}", DeviceTypes.Esp32Monitor, patient.Id, AuditActor.Console("test"), CancellationToken.None);
        var message = StandardMessageBuilder.Flat(new FlatDeviceMessage(bundle.DeviceId, 1_000, heartRate, 96, 36.9), DeviceSecrets.Decode(bundle.Secret));
        var outcome = await app.Services.GetRequiredService<IngestionPipeline>().IngestAsync(message, new IngestSource(IngestSource.Http, "test"), CancellationToken.None);
        Assert.Null(outcome.Rejection);
        return patient.Id;
    }

    private static async Task<int> FileErasureRequestAsync(WebApplication app, int patientId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        var request = new ErasureRequest { PatientId = patientId, RequestedAt = DateTimeOffset.UtcNow, Reason = "by letter", Status = ErasureStatus.Pending };
        db.ErasureRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    private static async Task<Guid> SealedAlertAsync(WebApplication app, int patientId)
    {
        var key = await app.Services.GetRequiredService<PatientKeys>().GetOrCreateAsync(patientId, CancellationToken.None);
        var id = Guid.CreateVersion7();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        db.Alerts.Add(new Alert
        {
            Id = id, PatientId = patientId, Kind = AlertKind.Threshold, Rule = "heart_rate:high", Severity = AlertSeverity.Major, Status = AlertStatus.Raised,
            RaisedAt = DateTimeOffset.UtcNow, LastSeenAt = DateTimeOffset.UtcNow, Occurrences = 1,
            Sealed = AlertJournal.Seal(key, patientId, id, new AlertContent("Heart rate high", "heart_rate", 130, FirstHeartRate, "/min")),
        });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task DisposeAsync() => await Store.DisposeAsync();
}

public sealed class SqliteBackupSource() : BackupSource(postgres: false);

public sealed class PostgresBackupSource() : BackupSource(postgres: true);
