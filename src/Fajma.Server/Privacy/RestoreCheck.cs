using System.Security.Cryptography;
using Fajma.Core.Crypto;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Privacy;

/// <summary>
/// The checks after a restore (or on any store, any time): migrations applied, the audit chain verifies end to end, and for every
/// data key (each patient's, and the platform's), the key unwraps under the configured master key and their latest observation opens;
/// and every erasure of the ledger holds in the store (the patient pseudonymised, no data key left). Reads only.
/// </summary>
public sealed class RestoreCheck(IDbContextFactory<FajmaDbContext> store, MasterKeySet masters, ErasureLedger ledger)
{
    public async Task<RestoreReport> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await store.CreateDbContextAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0) return new RestoreReport(pending, 0, AuditChain.Genesis, null, 0, 0, [], 0, []);

        var (entries, head) = (0L, AuditChain.Genesis);
        // Streamed, not loaded: the chain may hold millions of entries.
        var trail = db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsEnumerable().Select(e =>
        {
            (entries, head) = (entries + 1, e.Hash);
            return e;
        });
        var broken = AuditChain.FirstBreak(trail);

        var unreadable = new List<(int, string)>();
        var keys = await db.PatientKeys.AsNoTracking().OrderBy(k => k.PatientId).ToListAsync(cancellationToken);
        var opened = 0;
        foreach (var row in keys)
        {
            if (masters.Find(row.MasterKeyId) is not { } master)
            {
                unreadable.Add((row.PatientId, $"data key wrapped by master key {row.MasterKeyId}; the configured one is {masters.Current.Id}"));
                continue;
            }
            try
            {
                var dataKey = PatientKeyring.Unwrap(master.Bytes, row.WrappedKey, row.PatientId);
                var latest = await db.Observations.AsNoTracking().Where(o => o.PatientId == row.PatientId)
                    .OrderByDescending(o => o.Id).FirstOrDefaultAsync(cancellationToken);
                if (latest is not null)
                {
                    ObservationSeal.Open(dataKey, new ObservationIdentity(latest.PatientId, latest.DeviceId, latest.Type, latest.MeasuredAt.ToUnixTimeMilliseconds()), latest.Sealed);
                    opened++;
                }
                CryptographicOperations.ZeroMemory(dataKey);
            }
            catch (CryptographicException e)
            {
                unreadable.Add((row.PatientId, $"sealed values do not open: {e.Message}"));
            }
        }
        var (erasures, notHeld) = await ErasuresAsync(db, cancellationToken);
        return new RestoreReport(pending, entries, broken is null ? head : AuditChain.Genesis, broken, keys.Count, opened, unreadable, erasures, notHeld);
    }

    /// <summary>The ledger's erasures that the store does not hold: a patient of the same id and creation time still named, or still with a key.</summary>
    private async Task<(int Entries, List<string> NotHeld)> ErasuresAsync(FajmaDbContext db, CancellationToken cancellationToken)
    {
        var contents = await ledger.ReadAsync(cancellationToken);
        var notHeld = contents.BadLines.Select(line => $"erasure ledger line {line} is unreadable: an erasure may be missing").ToList();
        // Erased patients the ledger does not name are checked too: their keys must be gone whatever the ledger says.
        foreach (var entry in contents.Entries.DistinctBy(e => e.PatientId))
        {
            var patient = await db.Patients.AsNoTracking().Where(p => p.Id == entry.PatientId).Select(p => new { p.CreatedAt, p.ErasedAt }).SingleOrDefaultAsync(cancellationToken);
            if (patient is not null && entry.Is(entry.PatientId, patient.CreatedAt) && patient.ErasedAt is null)
                notHeld.Add($"patient {entry.PatientId}, erased {entry.ErasedAt:u}, is readable again");
        }
        var keyed = await db.PatientKeys.AsNoTracking().Where(k => db.Patients.Any(p => p.Id == k.PatientId && p.ErasedAt != null)).Select(k => k.PatientId).ToListAsync(cancellationToken);
        notHeld.AddRange(keyed.Select(id => $"patient {id} is erased but still has a data key"));
        return (contents.Entries.Count, notHeld);
    }
}
