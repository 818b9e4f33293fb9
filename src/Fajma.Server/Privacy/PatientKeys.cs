using System.Collections.Concurrent;
using System.Security.Cryptography;
using Fajma.Core.Crypto;
using Fajma.Server.Platform;
using Fajma.Server.Platform.Cluster;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Privacy;

/// <summary>
/// Each patient's data key: created with the patient's first sealed value, stored wrapped by the master
/// key, held unwrapped in memory once used. Shredding deletes it, and with it the readability of every
/// value sealed under it — on every node of a cluster, whose caches drop the key too (<see cref="ClusterBus"/>).
/// Master-key rotation rewraps keys without changing them: caches stay valid.
/// </summary>
public sealed class PatientKeys : IDisposable
{
    /// <summary>The key for data tied to no patient (dead letters). Patient ids start at 1; shredding never targets it.</summary>
    public const int Platform = 0;

    private const string ShreddedTopic = "keys.shredded";
    private readonly ConcurrentDictionary<int, byte[]> _keys = new();
    private readonly SemaphoreSlim _creating = new(1, 1);
    private readonly IDbContextFactory<FajmaDbContext> _store;
    private readonly MasterKeySet _masters;
    private readonly TimeProvider _time;
    private readonly ClusterBus _bus;

    public PatientKeys(IDbContextFactory<FajmaDbContext> store, MasterKeySet masters, TimeProvider time, ClusterBus bus)
    {
        (_store, _masters, _time, _bus) = (store, masters, time, bus);
        bus.Subscribe(ShreddedTopic, PlatformJsonContext.Default.Int32, Drop);
    }

    /// <summary>The patient's data key, created on first use.</summary>
    public async ValueTask<byte[]> GetOrCreateAsync(int patientId, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(patientId, out var key)) return key;
        await _creating.WaitAsync(cancellationToken);
        try
        {
            if (await FindAsync(patientId, cancellationToken) is { } existing) return existing;
            await using var db = _store.CreateDbContext();
            var dataKey = PatientKeyring.NewDataKey();
            db.PatientKeys.Add(new PatientKey
            {
                PatientId = patientId, WrappedKey = PatientKeyring.Wrap(_masters.Current.Bytes, dataKey, patientId), MasterKeyId = _masters.Current.Id,
                CreatedAt = _time.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node created it first (scale-out: nodes share the store): theirs is the key.
                if (await FindAsync(patientId, cancellationToken) is { } theirs) return theirs;
                throw;
            }
            return _keys[patientId] = dataKey;
        }
        finally
        {
            _creating.Release();
        }
    }

    /// <summary>The patient's data key, or null when there is none (never used, or shredded).</summary>
    public async ValueTask<byte[]?> FindAsync(int patientId, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(patientId, out var key)) return key;
        await using var db = _store.CreateDbContext();
        var row = await db.PatientKeys.AsNoTracking().SingleOrDefaultAsync(k => k.PatientId == patientId, cancellationToken);
        if (row is null) return null;
        var master = _masters.Find(row.MasterKeyId)
            ?? throw new CryptographicException($"patient {patientId}'s data key is wrapped by master key {row.MasterKeyId}, which is not configured (current {_masters.Current.Id})");
        return _keys[patientId] = PatientKeyring.Unwrap(master.Bytes, row.WrappedKey, patientId);
    }

    /// <summary>Crypto-shredding: deletes the patient's data key; every value sealed under it is unreadable from now on.</summary>
    public async Task ShredAsync(int patientId, CancellationToken cancellationToken)
    {
        await using var db = _store.CreateDbContext();
        await db.PatientKeys.Where(k => k.PatientId == patientId).ExecuteDeleteAsync(cancellationToken);
        _bus.Publish(ShreddedTopic, patientId, PlatformJsonContext.Default.Int32);
    }

    private void Drop(int patientId)
    {
        if (_keys.TryRemove(patientId, out var key)) CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>
    /// Master-key rotation: every data key not yet under <see cref="MasterKeySet.Next"/> is rewrapped under it,
    /// in one transaction. The data itself is not touched. Returns how many keys were rewrapped.
    /// </summary>
    public async Task<int> RewrapUnderNextAsync(CancellationToken cancellationToken)
    {
        var next = _masters.Next ?? throw new InvalidOperationException("no master key to rotate to (master.key.next)");
        await using var db = _store.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.PatientKeys.Where(k => k.MasterKeyId != next.Id).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var from = _masters.Find(row.MasterKeyId) ?? throw new CryptographicException($"patient {row.PatientId}'s data key is under unknown master key {row.MasterKeyId}");
            row.WrappedKey = PatientKeyring.Rewrap(from.Bytes, next.Bytes, row.WrappedKey, row.PatientId);
            row.MasterKeyId = next.Id;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    public void Dispose() => _creating.Dispose();
}
