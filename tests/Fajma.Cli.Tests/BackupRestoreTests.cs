using Fajma.Server.Alerts;
using Fajma.Server.Observations.Reads;
using Fajma.Server.Privacy;
using Fajma.Server.Records;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Cli.Tests;

/// <summary>
/// <c>fajma backup</c> of a running server's store and <c>fajma restore</c> into a fresh one: the same records, an intact audit chain,
/// sealed values readable with the master key — and refused, with nothing written, without the right backup key or from an altered archive.
/// </summary>
public abstract class BackupRestoreTests<TSource>(TSource source) : IAsyncLifetime where TSource : BackupSource
{
    private BackupStore _target = null!;

    public async Task InitializeAsync() => _target = await BackupStore.NewAsync(source.Postgres);

    public async Task DisposeAsync() => await _target.DisposeAsync();

    private void CopyMasterKey()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_target.MasterKeyPath)!);
        File.Copy(source.Store.MasterKeyPath, _target.MasterKeyPath);
    }

    private Task<(int Exit, string Output)> RestoreAsync(string? archive = null, string? key = null, params string[] more) =>
        ConsoleOutput.CaptureAsync(() => BackupSource.Cli(["restore", "--from", archive ?? source.Archive, "--key", key ?? source.KeyPath, .. more, .. _target.Args]));

    /// <summary>True when the target holds no table: the restore wrote nothing.</summary>
    private async Task<bool> TargetIsEmptyAsync()
    {
        await using var app = _target.Server();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        return !(await db.Database.GetAppliedMigrationsAsync()).Any();
    }

    private string Copy(string name, Action<byte[]> change)
    {
        var bytes = File.ReadAllBytes(source.Archive);
        change(bytes);
        var path = Path.Combine(_target.Directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task ARestoredStoreHoldsTheSameRecordsAnIntactAuditChainAndReadableSealedValues()
    {
        Assert.Contains("backup written", source.BackupOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(await File.ReadAllTextAsync(source.KeyPath), await File.ReadAllTextAsync(source.Archive), StringComparison.Ordinal);
        CopyMasterKey();

        var (exit, output) = await RestoreAsync();

        Assert.True(exit == 0, output);
        Assert.Contains("all applied", output, StringComparison.Ordinal);
        Assert.Contains("intact", output, StringComparison.Ordinal);
        Assert.Contains("readable", output, StringComparison.Ordinal);
        await using var app = _target.Server();
        await app.MigrateStoreAsync();
        await app.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        var keys = app.Services.GetRequiredService<PatientKeys>();
        Assert.Equal([.. source.Patients, source.ErasedPatient], await db.Patients.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync());
        foreach (var (patient, heartRate) in source.Patients.Zip([BackupSource.FirstHeartRate, BackupSource.SecondHeartRate]))
        {
            var rows = await db.Observations.Where(o => o.PatientId == patient && o.Type == "heart_rate").ReadAsync(keys, CancellationToken.None);
            Assert.Equal(heartRate, Assert.Single(rows).Value);
        }
        var alert = await db.Alerts.AsNoTracking().SingleAsync(a => a.Id == source.AlertId);
        Assert.Equal(BackupSource.FirstHeartRate, AlertJournal.Open(await keys.GetOrCreateAsync(alert.PatientId!.Value, CancellationToken.None), alert).Value);
        var trail = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Null(AuditChain.FirstBreak(trail));
        // The backup's own entry (written after the copy) is not in it; the restore's entry is appended to the restored chain.
        Assert.Equal(source.AuditEntries + 1, trail.Count);
        Assert.Equal(AuditActions.StoreRestored, trail[^1].Action);
    }

    [Fact]
    public async Task AnErasureMadeAfterTheBackupIsMadeAgainByTheRestoreWhichTheChecksProve()
    {
        CopyMasterKey();
        File.Copy(Path.Combine(source.Store.Directory, "keys", "erasures.ledger"), Path.Combine(_target.Directory, "keys", "erasures.ledger"));
        var erased = source.ErasedPatient;

        var (exit, output) = await RestoreAsync();

        Assert.True(exit == 0, output);
        Assert.Contains($"patient {erased}", output, StringComparison.Ordinal);
        Assert.Contains(LedgerErasure.Reapplied, output, StringComparison.Ordinal);
        Assert.Contains("held: 1 in the ledger, 1 re-applied", output, StringComparison.Ordinal);
        await using var app = _target.Server();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FajmaDbContext>();
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == erased);
        Assert.Equal((Erasure.PseudonymOf(erased), 1, 1), (patient.DisplayName, patient.DateOfBirth.Month, patient.DateOfBirth.Day));
        Assert.NotNull(patient.ErasedAt);
        // The sealed readings are still there, with no key to open them.
        Assert.True(await db.Observations.AnyAsync(o => o.PatientId == erased));
        Assert.False(await db.PatientKeys.AnyAsync(k => k.PatientId == erased));
        Assert.Null(await app.Services.GetRequiredService<PatientKeys>().FindAsync(erased, CancellationToken.None));
        Assert.Equal(ErasureStatus.Approved, (await db.ErasureRequests.SingleAsync(r => r.Id == source.ErasureRequest)).Status);
        // The others are untouched and readable.
        var keys = app.Services.GetRequiredService<PatientKeys>();
        foreach (var other in source.Patients)
        {
            Assert.Null((await db.Patients.SingleAsync(p => p.Id == other)).ErasedAt);
            Assert.Single(await db.Observations.Where(o => o.PatientId == other && o.Type == "heart_rate").ReadAsync(keys, CancellationToken.None));
        }
        var trail = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        Assert.Null(AuditChain.FirstBreak(trail));
        Assert.Equal([AuditActions.ErasureReapplied, AuditActions.StoreRestored], trail[^2..].Select(e => e.Action));
        Assert.True((await app.Services.GetRequiredService<RestoreCheck>().RunAsync(CancellationToken.None)).Passed);
    }

    [Fact]
    public async Task AWrongBackupKeyIsRefusedAndNothingIsWritten()
    {
        CopyMasterKey();
        var wrongKey = Path.Combine(_target.Directory, "other.key");
        Assert.Equal(0, (await ConsoleOutput.CaptureAsync(() => BackupSource.Cli(["backup", "keygen", "--key", wrongKey]))).Exit);

        var (exit, output) = await RestoreAsync(key: wrongKey);

        Assert.Equal(1, exit);
        Assert.Contains("sealed with backup key", output, StringComparison.Ordinal);
        Assert.True(await TargetIsEmptyAsync());
    }

    [Fact]
    public async Task RestoredUnderAnotherMasterKeyTheSealedValuesAreReportedUnreadable()
    {
        MasterKey.New().WriteTo(_target.MasterKeyPath);

        var (exit, output) = await RestoreAsync();

        Assert.True(exit == 2, output);
        Assert.Contains("UNREADABLE for 3 of 3 data keys", output, StringComparison.Ordinal);
        Assert.Contains($"patient {source.Patients[0]}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnyMasterKeyTheRestoreIsRefusedBeforeWriting()
    {
        var (exit, output) = await RestoreAsync();

        Assert.Equal(1, exit);
        Assert.Contains("no master key", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_target.MasterKeyPath)); // none was made up either
        Assert.True(await TargetIsEmptyAsync());
    }

    [Fact]
    public async Task AnAlteredOrCutArchiveIsRefusedAndNothingIsWritten()
    {
        CopyMasterKey();
        var flipped = Copy("flipped.fajmabak", b => b[^40] ^= 0x01);
        var cut = Copy("cut.fajmabak", _ => { });
        await using (var file = new FileStream(cut, FileMode.Open)) file.SetLength(file.Length - 100);
        var header = Copy("header.fajmabak", b =>
        {
            // The year the archive claims to be made: a header edit that still parses, caught only by the chunks' associated data.
            var year = b.AsSpan().IndexOf("\"createdAt\":\""u8) + "\"createdAt\":\""u8.Length + 3;
            b[year] = (byte)(b[year] == (byte)'1' ? '2' : '1');
        });

        var outputs = new List<string>();
        foreach (var archive in (string[])[flipped, cut, header])
        {
            var (exit, output) = await RestoreAsync(archive);
            Assert.True(exit == 1, output);
            Assert.Contains("refused", output, StringComparison.Ordinal);
            outputs.Add(output);
        }
        Assert.Contains("failed authentication", outputs[0], StringComparison.Ordinal);
        Assert.Contains("cut off", outputs[1], StringComparison.Ordinal);
        Assert.Contains("failed authentication", outputs[2], StringComparison.Ordinal);
        Assert.True(await TargetIsEmptyAsync());
    }

    [Fact]
    public async Task AStoreThatIsNotEmptyIsReplacedOnlyWithForce()
    {
        CopyMasterKey();
        await using (var app = _target.Server()) await app.MigrateStoreAsync();

        var (refused, output) = await RestoreAsync();
        Assert.Equal(1, refused);
        Assert.Contains("not empty", output, StringComparison.Ordinal);

        var (forced, forcedOutput) = await RestoreAsync(null, null, "--force");
        Assert.True(forced == 0, forcedOutput);
    }
}

// xUnit reads [Collection] from the test class itself, not from its base: each store's class names it.
[Collection(ConsoleOutput.Name)]
public sealed class SqliteBackupRestoreTests(SqliteBackupSource source) : BackupRestoreTests<SqliteBackupSource>(source), IClassFixture<SqliteBackupSource>;

[Collection(ConsoleOutput.Name)]
public sealed class PostgresBackupRestoreTests(PostgresBackupSource source) : BackupRestoreTests<PostgresBackupSource>(source), IClassFixture<PostgresBackupSource>;
