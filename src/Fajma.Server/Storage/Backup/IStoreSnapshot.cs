namespace Fajma.Server.Storage.Backup;

/// <summary>One store kind's consistent copy out and copy in, as a plain byte stream (sealed by <see cref="BackupArchive"/>).</summary>
internal interface IStoreSnapshot
{
    /// <summary>A consistent copy of the whole store while it keeps running.</summary>
    Task CopyToAsync(Stream destination, CancellationToken cancellationToken);

    /// <summary>True when the store holds no table at all (never migrated).</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>Removes every table (a forced restore over an existing store).</summary>
    Task ClearAsync(CancellationToken cancellationToken);

    /// <summary>Writes a copy made by <see cref="CopyToAsync"/> into the (empty) store, all or nothing.</summary>
    Task RestoreFromAsync(Stream source, CancellationToken cancellationToken);
}
