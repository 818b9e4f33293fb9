using System.Security.Cryptography;
using Fajma.Core.Crypto;
using Fajma.Server.Privacy;

namespace Fajma.Server.Monitoring;

/// <summary>Opens sealed observation rows for an authorized reader: every history, board and break-glass read comes through here.</summary>
public static class ObservationReads
{
    /// <summary>
    /// The rows, decrypted. Rows of a patient whose key was shredded are gone for good and left out; a row
    /// that fails authentication stops the read with <see cref="SealBrokenException"/> — never a wrong value.
    /// </summary>
    public static async Task<List<ObservationDto>> OpenAsync(this PatientKeys keys, IReadOnlyList<StoredObservation> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(rows);
        var opened = new List<ObservationDto>(rows.Count);
        foreach (var (row, messageKey) in rows)
        {
            if (await keys.FindAsync(row.PatientId, cancellationToken) is not { } key) continue;
            SealedValues values;
            try
            {
                values = ObservationSeal.Open(key, new ObservationIdentity(row.PatientId, row.DeviceId, row.Type, row.MeasuredAt.ToUnixTimeMilliseconds()), row.Sealed);
            }
            catch (CryptographicException e)
            {
                throw new SealBrokenException($"observation {row.Id}", e);
            }
            opened.Add(ObservationDto.From(row, values, messageKey));
        }
        return opened;
    }
}
