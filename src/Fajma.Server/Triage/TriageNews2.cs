using Fajma.Core.Alerts;
using Fajma.Core.Vitals;
using Fajma.Server.Alerts;
using Fajma.Server.Observations.Reads;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Triage;

/// <summary>
/// NEWS2 at a past time, scored as the alert path scores it now: each sign's latest reading of the hour before
/// (<see cref="PatientWatch.News2Freshness"/>), with the clinician's current inputs. Scores are not stored, so the
/// board takes them again from the readings: one index seek and one decryption per sign — never a day of readings.
/// </summary>
public static class TriageNews2
{
    /// <summary>NEWS2 now is compared with NEWS2 this long before.</summary>
    public static readonly TimeSpan ComparedWith = TimeSpan.FromHours(6);

    private static readonly VitalSignType[] s_signs =
        [VitalSignType.RespiratoryRate, VitalSignType.OxygenSaturation, VitalSignType.BloodPressure, VitalSignType.HeartRate, VitalSignType.BodyTemperature];

    /// <summary>The total at <paramref name="at"/>; null when no sign was measured in the hour before.</summary>
    public static async Task<int?> ScoreAtAsync(FajmaDbContext db, PatientKeys keys, int patientId, News2Inputs inputs, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(inputs);
        var since = at - PatientWatch.News2Freshness;
        var values = new Dictionary<VitalSignType, double>();
        foreach (var sign in s_signs)
        {
            var wire = VitalSigns.Get(sign).WireName;
            // Stored to the millisecond: "after since" is "from since + 1 ms".
            var latest = await db.NewestOfTypeAsync(keys, patientId, wire, new HistoryWindow(since.AddMilliseconds(1), at), 1, cancellationToken);
            if (latest.Count == 1) values[sign] = latest[0].Value;
        }
        if (values.Count == 0) return null;
        double? Value(VitalSignType sign) => values.TryGetValue(sign, out var v) ? v : null;
        return News2.Score(new News2Input(Value(VitalSignType.RespiratoryRate), Value(VitalSignType.OxygenSaturation), inputs.UseScale2, inputs.OnSupplementalOxygen,
            Value(VitalSignType.BloodPressure), Value(VitalSignType.HeartRate), inputs.Consciousness, Value(VitalSignType.BodyTemperature))).Total;
    }
}
