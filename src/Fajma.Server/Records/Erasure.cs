using Fajma.Core.Records;
using Fajma.Server.Devices;
using Fajma.Server.Identity;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fajma.Server.Records;

/// <summary>
/// Carries out an approved erasure: in one transaction the identity is pseudonymised, the account disabled, its sessions,
/// devices, followers, contacts and push subscriptions ended, and the request marked approved; then the audit entry (who, when,
/// which request, nothing clinical); then, last, the data key is shredded on every node. A shred lost to a crash is finished by
/// the retention sweep (<see cref="FinishShredsAsync"/>), so a repeat of any step is harmless.
/// </summary>
public sealed class Erasure(IDbContextFactory<FajmaDbContext> store, PatientKeys keys, RevokedSessions sessions, DeviceDirectory directory, BrokerTrust broker,
    ErasureLedger ledger, AuditLog audit, TimeProvider time, IOptions<RecordsOptions> options)
{
    public static string PseudonymOf(int patientId) => $"Erased patient #{patientId}";

    /// <summary>The legal hold on the patient's record as of now: when care was last given (a reading, a call that took place).</summary>
    public async Task<ErasureVerdict> VerdictAsync(FajmaDbContext db, int patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lastReading = await db.Observations.Where(o => o.PatientId == patientId).OrderByDescending(o => o.MeasuredAt)
            .Select(o => (DateTimeOffset?)o.MeasuredAt).FirstOrDefaultAsync(cancellationToken);
        var lastCall = await db.Consultations.Where(c => c.PatientId == patientId && c.StartedAt != null).OrderByDescending(c => c.StartedAt)
            .Select(c => c.EndedAt ?? c.StartedAt).FirstOrDefaultAsync(cancellationToken);
        DateTimeOffset? lastCare = lastReading > lastCall || lastCall is null ? lastReading : lastCall;
        var o = options.Value;
        return LegalHold.Decide(lastCare, time.GetUtcNow(), o.RetentionYears, o.EraseIfNeverUsedForCare);
    }

    /// <summary>Erases the patient of <paramref name="request"/> (already checked permitted) and marks the request approved.</summary>
    public async Task EraseAsync(int requestId, AuditActor decider, string decisionReason, DateTimeOffset? holdEndsAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decider);
        var now = time.GetUtcNow();
        await using var db = store.CreateDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.ErasureRequests.SingleAsync(r => r.Id == requestId, cancellationToken);
        var patientId = request.PatientId;
        var ended = await PseudonymiseAsync(db, patientId, now, cancellationToken);
        request.Status = ErasureStatus.Approved;
        request.DecidedBy = decider.Id;
        request.DecidedAt = now;
        request.DecisionReason = decisionReason;
        request.HoldEndsAt = holdEndsAt;
        // Other pending requests for the same patient are answered by this one.
        await db.ErasureRequests.Where(r => r.PatientId == patientId && r.Id != requestId && r.Status == ErasureStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ErasureStatus.Approved).SetProperty(r => r.DecidedAt, now).SetProperty(r => r.DecidedBy, decider.Id)
                .SetProperty(r => r.DecisionReason, $"erased by request {requestId}"), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var family in ended.Families) sessions.Revoke(family);
        foreach (var device in ended.Devices) directory.Forget(device);
        foreach (var thumbprint in ended.Thumbprints) broker.Revoke(thumbprint);
        // Outside the database, so restoring an older backup cannot undo it; a crash before this line is repaired by the sweep.
        await ledger.AppendAsync([new ErasureLedgerEntry(patientId, ended.PatientCreatedAt, ended.ErasedAt)], cancellationToken);
        await audit.RecordAsync(decider.Did(AuditActions.PatientErased, patientId, $"erasure-request:{requestId}",
            $"{ended.Devices.Count} devices revoked, {ended.Families.Count} sessions ended"), cancellationToken);
        await keys.ShredAsync(patientId, cancellationToken);
    }

    /// <summary>What an erasure ended that other nodes hold in memory: session families, devices and their certificates.</summary>
    private sealed record Ended(DateTimeOffset PatientCreatedAt, DateTimeOffset ErasedAt, List<Guid> Families, List<string> Devices, List<string?> Thumbprints);

    /// <summary>The erasure's changes to the store (not saved): identity pseudonymised, accounts disabled, sessions, devices and links ended.</summary>
    private static async Task<Ended> PseudonymiseAsync(FajmaDbContext db, int patientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.SingleAsync(p => p.Id == patientId, cancellationToken);
        patient.DisplayName = PseudonymOf(patientId);
        patient.DateOfBirth = new DateOnly(patient.DateOfBirth.Year, 1, 1); // the year alone: ages in old statistics stay roughly right
        patient.ErasedAt ??= now;
        var users = await db.Users.Where(u => u.PatientId == patientId).ToListAsync(cancellationToken);
        foreach (var user in users)
        {
            user.DisplayName = PseudonymOf(patientId);
            user.Email = $"erased-{user.Id}@erased.invalid"; // frees the address, and no sign-in finds the account
            user.PasswordHash = "!erased";
            user.LockedUntil = DateTimeOffset.MaxValue;
        }
        var userIds = users.Select(u => u.Id).ToList();
        var families = await db.RefreshTokens.Where(t => userIds.Contains(t.UserId) && t.RevokedAt == null).Select(t => t.FamilyId).Distinct().ToListAsync(cancellationToken);
        await db.RefreshTokens.Where(t => userIds.Contains(t.UserId) && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        var devices = await db.Devices.Where(d => d.PatientId == patientId && d.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var device in devices)
        {
            device.RevokedAt = now;
            device.SecretProtected = null;
        }
        await db.Follows.Where(f => f.PatientId == patientId).ExecuteDeleteAsync(cancellationToken);
        await db.PushSubscriptions.Where(s => userIds.Contains(s.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.PagingContacts.Where(c => userIds.Contains(c.UserId)).ExecuteDeleteAsync(cancellationToken);
        await db.AlertPreferences.Where(p => userIds.Contains(p.UserId)).ExecuteDeleteAsync(cancellationToken);
        return new Ended(patient.CreatedAt, patient.ErasedAt.Value, families, [.. devices.Select(d => d.Id)], [.. devices.Select(d => d.CertificateThumbprint)]);
    }

    /// <summary>
    /// After a restore (the server stopped): every erasure in the ledger is made again in the restored store — identity
    /// pseudonymised, accounts and devices ended, pending requests answered, data key shredded — and audited. A patient the
    /// archive does not hold, or whose id now belongs to someone else, is left alone. Returns what happened to each entry.
    /// </summary>
    public async Task<IReadOnlyList<LedgerErasure>> ReapplyAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var contents = await ledger.ReadAsync(cancellationToken);
        var outcomes = new List<LedgerErasure>();
        foreach (var entry in contents.Entries.DistinctBy(e => e.PatientId))
        {
            await using var db = store.CreateDbContext();
            var patient = await db.Patients.AsNoTracking().Where(p => p.Id == entry.PatientId).Select(p => new { p.CreatedAt, p.ErasedAt }).SingleOrDefaultAsync(cancellationToken);
            var hasKey = await db.PatientKeys.AnyAsync(k => k.PatientId == entry.PatientId, cancellationToken);
            var outcome = patient is null ? LedgerErasure.NotInStore
                : !entry.Is(entry.PatientId, patient.CreatedAt) ? LedgerErasure.AnotherPatient
                : patient.ErasedAt is not null && !hasKey ? LedgerErasure.AlreadyErased
                : LedgerErasure.Reapplied;
            if (outcome == LedgerErasure.Reapplied && !await IdentityOpensAsync(db, entry.PatientId, cancellationToken)) outcome = LedgerErasure.Unreadable;
            if (outcome == LedgerErasure.Reapplied)
            {
                var now = time.GetUtcNow();
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    await PseudonymiseAsync(db, entry.PatientId, now, cancellationToken);
                    await db.ErasureRequests.Where(r => r.PatientId == entry.PatientId && r.Status == ErasureStatus.Pending)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, ErasureStatus.Approved).SetProperty(r => r.DecidedAt, now)
                            .SetProperty(r => r.DecisionReason, $"erased {entry.ErasedAt:O}; re-applied from the erasure ledger after a restore"), cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                await audit.RecordAsync(actor.Did(AuditActions.ErasureReapplied, entry.PatientId, "erasure-ledger", $"erased {entry.ErasedAt:O}"), cancellationToken);
                await keys.ShredAsync(entry.PatientId, cancellationToken);
            }
            outcomes.Add(new LedgerErasure(entry.PatientId, entry.ErasedAt, outcome));
        }
        return outcomes;
    }

    // A store restored under another master key than the one it was sealed with: nothing of it opens, nothing is re-applied.
    private static async Task<bool> IdentityOpensAsync(FajmaDbContext db, int patientId, CancellationToken cancellationToken)
    {
        try
        {
            await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.DisplayName, p.DateOfBirth }).SingleAsync(cancellationToken);
            await db.Users.AsNoTracking().Where(u => u.PatientId == patientId).Select(u => new { u.DisplayName, u.Email }).ToListAsync(cancellationToken);
            return true;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Shreds any data key an erased patient still has (a crash between commit and shred, or a key made since). Returns how many.</summary>
    public async Task<int> FinishShredsAsync(CancellationToken cancellationToken)
    {
        await using var db = store.CreateDbContext();
        // Every erasure the store knows is in the ledger too (a crash between the commit and the append, or an erasure made before the ledger).
        var erased = await db.Patients.AsNoTracking().Where(p => p.ErasedAt != null).Select(p => new { p.Id, p.CreatedAt, p.ErasedAt }).ToListAsync(cancellationToken);
        await ledger.AppendAsync([.. erased.Select(p => new ErasureLedgerEntry(p.Id, p.CreatedAt, p.ErasedAt!.Value))], cancellationToken);
        var left = await db.PatientKeys.Where(k => db.Patients.Any(p => p.Id == k.PatientId && p.ErasedAt != null)).Select(k => k.PatientId).ToListAsync(cancellationToken);
        foreach (var patientId in left) await keys.ShredAsync(patientId, cancellationToken);
        return left.Count;
    }
}
