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
public sealed class PatientKeys
{
    /// <summary>The key for data tied to no patient (dead letters). Patient ids start at 1; shredding never targets it.</summary>
    public const int Platform = 0;

    private const string ShreddedTopic = "keys.shredded";
    private readonly ConcurrentDictionary<int, byte[]> _keys = new();
    private readonly BatchedReads<int, Created> _creations;
    private readonly IDbContextFactory<FajmaDbContext> _store;
    private readonly MasterKeySet _masters;
    private readonly TimeProvider _time;
    private readonly ClusterBus _bus;

    public PatientKeys(IDbContextFactory<FajmaDbContext> store, MasterKeySet masters, TimeProvider time, ClusterBus bus)
    {
        (_store, _masters, _time, _bus) = (store, masters, time, bus);
        _creations = new(CreateManyAsync);
        bus.Subscribe(ShreddedTopic, PlatformJsonContext.Default.Int32, Drop);
    }

    /// <summary>The patient's data key, created on first use.</summary>
    public async ValueTask<byte[]> GetOrCreateAsync(int patientId, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(patientId, out var key)) return key;
        if (await FindAsync(patientId, cancellationToken) is { } existing) return existing; // reads run side by side
        // Created in batches: a fleet's first readings need thousands of keys at once, and one write each queued them for minutes.
        var created = await _creations.GetAsync(patientId).WaitAsync(cancellationToken);
        if (created.Error is { } error) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        return created.Key!;
    }

    private sealed record Created(byte[]? Key, Exception? Error);

    /// <summary>Keys for these patients, in one transaction; those another node created first are read instead.</summary>
    private async Task<IReadOnlyDictionary<int, Created>> CreateManyAsync(IReadOnlyList<int> patientIds)
    {
        var done = await ReadManyAsync(patientIds);
        var missing = patientIds.Where(id => !done.ContainsKey(id)).ToList();
        if (missing.Count == 0) return done;
        var failed = new Dictionary<int, DbUpdateException>();
        try
        {
            await CreateAsync(missing);
        }
        catch (DbUpdateException)
        {
            // Another node created one first, or one patient cannot have a key: one at a time, so only that patient's caller fails.
            foreach (var id in missing)
            {
                try
                {
                    await CreateAsync([id]);
                }
                catch (DbUpdateException e)
                {
                    failed[id] = e;
                }
            }
        }
        // Read back, those another node created first included (their insert here failed on the key, and theirs is the one).
        foreach (var (id, created) in await ReadManyAsync(missing)) done[id] = created;
        foreach (var (id, e) in failed) done.TryAdd(id, new Created(null, e));
        return done;
    }

    private async Task CreateAsync(IReadOnlyList<int> patientIds)
    {
        await using var db = _store.CreateDbContext();
        var master = _masters.Current;
        foreach (var id in patientIds)
        {
            db.PatientKeys.Add(new PatientKey
            {
                PatientId = id, WrappedKey = PatientKeyring.Wrap(master.Bytes, PatientKeyring.NewDataKey(), id), MasterKeyId = master.Id, CreatedAt = _time.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The keys these patients have in the store (theirs, whoever created them), unwrapped and cached.</summary>
    private async Task<Dictionary<int, Created>> ReadManyAsync(IReadOnlyList<int> patientIds)
    {
        if (patientIds.Count == 0) return [];
        await using var db = _store.CreateDbContext();
        var rows = await db.PatientKeys.AsNoTracking().Where(k => patientIds.Contains(k.PatientId)).ToListAsync();
        return rows.ToDictionary(r => r.PatientId, r => new Created(_keys[r.PatientId] = Unwrap(r), null));
    }

    private byte[] Unwrap(PatientKey row)
    {
        var master = _masters.Find(row.MasterKeyId)
            ?? throw new CryptographicException($"patient {row.PatientId}'s data key is wrapped by master key {row.MasterKeyId}, which is not configured (current {_masters.Current.Id})");
        return PatientKeyring.Unwrap(master.Bytes, row.WrappedKey, row.PatientId);
    }

    /// <summary>The patient's data key, or null when there is none (never used, or shredded).</summary>
    public async ValueTask<byte[]?> FindAsync(int patientId, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(patientId, out var key)) return key;
        await using var db = _store.CreateDbContext();
        var row = await db.PatientKeys.AsNoTracking().SingleOrDefaultAsync(k => k.PatientId == patientId, cancellationToken);
        return row is null ? null : _keys[patientId] = Unwrap(row);
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
}
