using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Storage.Backup;

/// <summary>
/// Backs the configured store up into a sealed archive, and restores one into a fresh store. Knows no feature: what a
/// restored store must prove (audit chain, sealed values) is checked above, by whoever restores.
/// </summary>
public sealed class StoreBackup(StorageOptions options, IDbContextFactory<FajmaDbContext> store, TimeProvider time)
{
    private IStoreSnapshot Snapshot => options.Provider == StorageProvider.Sqlite
        ? new SqliteSnapshot(options.ResolveConnectionString())
        : new PostgresSnapshot(options.ResolveConnectionString());

    /// <summary>
    /// Writes <paramref name="archivePath"/> (a new file, owner-only) from a consistent copy of the running store.
    /// <paramref name="progress"/> hears the archive's bytes written so far. Nothing is left behind on failure.
    /// </summary>
    public async Task<BackupHeader> CreateAsync(string archivePath, BackupKey key, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        if (File.Exists(archivePath)) throw new BackupException($"{archivePath} exists: a backup never overwrites an archive");
        if (await Snapshot.IsEmptyAsync(cancellationToken)) throw new BackupException("the store is empty (no schema yet): nothing to back up");
        string? migration;
        List<string> masterKeyIds;
        await using (var db = await store.CreateDbContextAsync(cancellationToken))
        {
            migration = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).LastOrDefault()
                ?? throw new BackupException("the store has no schema yet: nothing to back up");
            masterKeyIds = await db.PatientKeys.Select(k => k.MasterKeyId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        }
        var header = new BackupHeader(BackupHeader.CurrentFormat, options.Provider, time.GetUtcNow(), migration, masterKeyIds,
            BackupHeader.DefaultChunkSize, key.Id, RandomNumberGenerator.GetBytes(32));
        var partial = archivePath + ".partial";
        try
        {
            await using (var file = PrivateFile.Create(partial))
            await using (var counted = new CountingStream(file, progress))
            await using (var sealing = await BackupArchive.StartAsync(counted, header, key, cancellationToken))
                await Snapshot.CopyToAsync(sealing, cancellationToken);
            File.Move(partial, archivePath);
            return header;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>The archive's header, unauthenticated (the restore authenticates it with every chunk).</summary>
    public static async Task<BackupHeader> ReadHeaderAsync(string archivePath, CancellationToken cancellationToken)
    {
        await using var file = OpenArchive(archivePath);
        return (await BackupArchive.ReadHeaderAsync(file, cancellationToken)).Header;
    }

    /// <summary>
    /// Restores <paramref name="archivePath"/> into the configured store. Refused, with nothing written, when the archive is
    /// of another store kind or a newer schema, when the key is not the archive's, when any chunk fails authentication (the whole
    /// archive is read and checked first), or when the store holds tables and <paramref name="force"/> is false.
    /// <paramref name="progress"/> hears the archive's bytes read, once to verify and once to restore.
    /// </summary>
    public async Task<BackupHeader> RestoreAsync(string archivePath, BackupKey key, bool force, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var header = await ReadHeaderAsync(archivePath, cancellationToken);
        if (header.Store != options.Provider)
            throw new BackupException($"the archive is of a {header.Store} store; the configured store is {options.Provider}");
        await using (var db = await store.CreateDbContextAsync(cancellationToken))
        {
            if (header.Migration is not null && !db.Database.GetMigrations().Contains(header.Migration))
                throw new BackupException($"the archive's schema ({header.Migration}) is newer than this version of Fajma knows: restore it with the version that made it");
        }
        await CopyOutAsync(archivePath, key, Stream.Null, progress, cancellationToken); // every chunk authenticated before a byte is written

        var snapshot = Snapshot;
        if (!await snapshot.IsEmptyAsync(cancellationToken))
        {
            if (!force) throw new BackupException("the target store is not empty: restore into a fresh store (or pass --force to replace everything in it)");
            await snapshot.ClearAsync(cancellationToken);
        }
        await using var file = OpenArchive(archivePath);
        await using var counted = new CountingStream(file, progress);
        var (read, bytes) = await BackupArchive.ReadHeaderAsync(counted, cancellationToken);
        await using var plain = BackupArchive.Open(counted, read, bytes, key);
        await snapshot.RestoreFromAsync(plain, cancellationToken);
        return header;
    }

    private static async Task CopyOutAsync(string archivePath, BackupKey key, Stream destination, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        await using var file = OpenArchive(archivePath);
        await using var counted = new CountingStream(file, progress);
        var (header, bytes) = await BackupArchive.ReadHeaderAsync(counted, cancellationToken);
        await using var plain = BackupArchive.Open(counted, header, bytes, key);
        await plain.CopyToAsync(destination, cancellationToken);
    }

    private static FileStream OpenArchive(string path)
    {
        if (!File.Exists(path)) throw new BackupException($"{path} not found");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }
}
