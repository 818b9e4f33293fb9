using System.Security.Cryptography;
using Fajma.Core.Crypto;
using Fajma.Core.Vitals;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Observations.Reads;

/// <summary>
/// Every read of stored observations comes through here (history, the board, a consultation's timeline, break-glass):
/// the caller filters and orders the rows it may see; this opens their seals.
/// </summary>
public static class ObservationReads
{
    /// <summary>
    /// The rows, decrypted. Rows of a patient whose key was shredded are gone for good and left out; a row
    /// that fails authentication stops the read with <see cref="SealBrokenException"/> — never a wrong value.
    /// </summary>
    public static async Task<List<ObservationDto>> ReadAsync(this IQueryable<Observation> rows, PatientKeys keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var stored = await rows.AsNoTracking().Select(o => new StoredObservation(o, o.Message!.MessageKey, o.Message.Source)).ToListAsync(cancellationToken);
        return await OpenAsync(keys, stored, cancellationToken);
    }

    /// <summary>
    /// The newest observation of each sign for each patient: for each, the newest minute that holds the sign, then that minute's
    /// newest reading of it (<see cref="ObservationsOfType"/>), which stays fast however long the history grows.
    /// </summary>
    public static async Task<List<ObservationDto>> LatestAsync(this FajmaDbContext db, PatientKeys keys, IEnumerable<int> patientIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        var latest = new List<ObservationDto>();
        foreach (var patientId in patientIds)
        {
            foreach (var definition in VitalSigns.All)
                latest.AddRange(await db.NewestOfTypeAsync(keys, patientId, definition.WireName, new HistoryWindow(), 1, cancellationToken));
        }
        return latest;
    }

    private static async Task<List<ObservationDto>> OpenAsync(PatientKeys keys, List<StoredObservation> rows, CancellationToken cancellationToken)
    {
        var opened = new List<ObservationDto>(rows.Count);
        // One cipher per patient for the whole page: setting up a key costs about as much as opening a value.
        var ciphers = new Dictionary<int, System.Security.Cryptography.AesGcm?>();
        try
        {
            foreach (var (row, messageKey, source) in rows)
            {
                if (!ciphers.TryGetValue(row.PatientId, out var cipher))
                    ciphers[row.PatientId] = cipher = await keys.FindAsync(row.PatientId, cancellationToken) is { } key ? FieldCipher.Create(key) : null;
                if (cipher is null) continue;
                SealedValues values;
                try
                {
                    values = ObservationSeal.Open(cipher, new ObservationIdentity(row.PatientId, row.DeviceId, row.Type, row.MeasuredAt.ToUnixTimeMilliseconds()), row.Sealed);
                }
                catch (CryptographicException e)
                {
                    throw new SealBrokenException($"observation {row.Id}", e);
                }
                opened.Add(ObservationDto.From(row, values, messageKey, source));
            }
        }
        finally
        {
            foreach (var cipher in ciphers.Values) cipher?.Dispose();
        }
        return opened;
    }
}
