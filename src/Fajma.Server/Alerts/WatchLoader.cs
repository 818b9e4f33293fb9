using System.Text.Json;
using Fajma.Core.Alerts;
using Fajma.Core.Crypto;
using Fajma.Core.Vitals;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts;

/// <summary>What a patient's rules are made of, as read from the store.</summary>
internal sealed record WatchInputs(IReadOnlyList<AlertThreshold> Thresholds, IReadOnlyList<int> CareTeam, DateOnly? Born, News2Inputs News2,
    Profiles.AlarmSettings Settings);

/// <summary>
/// Reads patients' rule inputs in batches (<see cref="Platform.BatchedReads{TKey, TValue}"/>), one query per table for up
/// to 500 patients. Thousands of devices starting at once — a fresh fleet, a restart — each need their patient's rules
/// before their first reading is judged; read one patient at a time, the last waited minutes.
/// </summary>
internal sealed class WatchLoader
{
    private readonly IDbContextFactory<FajmaDbContext> _store;
    private readonly PatientKeys _keys;
    private readonly Profiles.AlarmProfiles _profiles;
    private readonly Platform.BatchedReads<int, WatchInputs> _reads;

    public WatchLoader(IDbContextFactory<FajmaDbContext> store, PatientKeys keys, Profiles.AlarmProfiles profiles)
    {
        (_store, _keys, _profiles) = (store, keys, profiles);
        _reads = new(ReadAsync);
    }

    /// <summary>The patient's rule inputs as read after this call (a read already under way does not count).</summary>
    public Task<WatchInputs> LoadAsync(int patientId) => _reads.GetAsync(patientId);

    private async Task<IReadOnlyDictionary<int, WatchInputs>> ReadAsync(IReadOnlyList<int> ids)
    {
        await using var db = _store.CreateDbContext();
        var thresholds = (await db.AlertThresholds.AsNoTracking().Where(t => ids.Contains(t.PatientId))
                .Select(t => new { t.PatientId, Threshold = new AlertThreshold(t.Type, t.Low, t.High) }).ToListAsync())
            .ToLookup(t => t.PatientId, t => t.Threshold);
        var careTeams = await db.PagingOrdersAsync(ids, CancellationToken.None);
        var born = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.DateOfBirth })
            .ToDictionaryAsync(p => p.Id, p => (DateOnly?)p.DateOfBirth);
        var news2 = new Dictionary<int, News2Inputs>();
        foreach (var row in await db.News2Assessments.AsNoTracking().Where(a => ids.Contains(a.PatientId)).ToListAsync())
        {
            var key = await _keys.GetOrCreateAsync(row.PatientId, CancellationToken.None);
            news2[row.PatientId] = JsonSerializer.Deserialize(TextSeal.Open(key, row.PatientId, AlertEngine.News2Record, row.Sealed), AlertsJsonContext.Default.News2Inputs)!;
        }
        var settings = await _profiles.GetManyAsync(ids, CancellationToken.None);
        return ids.ToDictionary(id => id, id => new WatchInputs([.. thresholds[id]], [.. careTeams[id]], born.GetValueOrDefault(id),
            news2.GetValueOrDefault(id) ?? new News2Inputs(null, null, false), settings[id]));
    }
}
