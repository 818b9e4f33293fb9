using System.Collections.Concurrent;
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
/// Reads patients' rule inputs in batches: whoever asks while a batch is being read waits for the next, and the next
/// reads every patient asked for meanwhile (up to <see cref="BatchSize"/>) with one query per table. Thousands of devices
/// starting at once — a fresh fleet, a restart — each need their patient's rules before their first reading is judged;
/// one patient at a time, the last waited minutes and their connections' keep-alive expired. One batch at a time, so
/// the synchronous SQLite reads hold one thread at most.
/// </summary>
internal sealed class WatchLoader(IDbContextFactory<FajmaDbContext> store, PatientKeys keys, Profiles.AlarmProfiles profiles)
{
    public const int BatchSize = 500;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<WatchInputs>> _asked = new();
    private int _reading;

    /// <summary>The patient's rule inputs as read after this call (a read already under way does not count).</summary>
    public Task<WatchInputs> LoadAsync(int patientId)
    {
        var waiting = _asked.GetOrAdd(patientId, _ => new TaskCompletionSource<WatchInputs>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Volatile.Read(ref _reading) == 0) _ = Task.Run(ReadAllAskedAsync);
        return waiting.Task;
    }

    private async Task ReadAllAskedAsync()
    {
        if (Interlocked.CompareExchange(ref _reading, 1, 0) != 0) return;
        try
        {
            while (!_asked.IsEmpty)
            {
                var batch = new Dictionary<int, TaskCompletionSource<WatchInputs>>();
                foreach (var id in _asked.Keys.Take(BatchSize))
                    if (_asked.TryRemove(id, out var waiting)) batch[id] = waiting;
                try
                {
                    var read = await ReadAsync([.. batch.Keys]);
                    foreach (var (id, waiting) in batch) waiting.TrySetResult(read[id]);
                }
#pragma warning disable CA1031 // every waiter hears the failure; its reading fails as a single load's would have
                catch (Exception e)
#pragma warning restore CA1031
                {
                    foreach (var waiting in batch.Values) waiting.TrySetException(e);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
            // Asked between the last look and the release: nobody else started a read for them.
            if (!_asked.IsEmpty) _ = Task.Run(ReadAllAskedAsync);
        }
    }

    private async Task<Dictionary<int, WatchInputs>> ReadAsync(List<int> ids)
    {
        await using var db = store.CreateDbContext();
        var thresholds = (await db.AlertThresholds.AsNoTracking().Where(t => ids.Contains(t.PatientId))
                .Select(t => new { t.PatientId, Threshold = new AlertThreshold(t.Type, t.Low, t.High) }).ToListAsync())
            .ToLookup(t => t.PatientId, t => t.Threshold);
        var careTeams = (await db.CareTeam.AsNoTracking().Where(c => ids.Contains(c.PatientId))
                .OrderBy(c => c.JoinedAt).ThenBy(c => c.DoctorId).Select(c => new { c.PatientId, c.DoctorId }).ToListAsync())
            .ToLookup(c => c.PatientId, c => c.DoctorId); // a lookup keeps each patient's rows in the query's order
        var born = await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.DateOfBirth })
            .ToDictionaryAsync(p => p.Id, p => (DateOnly?)p.DateOfBirth);
        var news2 = new Dictionary<int, News2Inputs>();
        foreach (var row in await db.News2Assessments.AsNoTracking().Where(a => ids.Contains(a.PatientId)).ToListAsync())
        {
            var key = await keys.GetOrCreateAsync(row.PatientId, CancellationToken.None);
            news2[row.PatientId] = JsonSerializer.Deserialize(TextSeal.Open(key, row.PatientId, AlertEngine.News2Record, row.Sealed), AlertsJsonContext.Default.News2Inputs)!;
        }
        var settings = await profiles.GetManyAsync(ids, CancellationToken.None);
        return ids.ToDictionary(id => id, id => new WatchInputs([.. thresholds[id]], [.. careTeams[id]], born.GetValueOrDefault(id),
            news2.GetValueOrDefault(id) ?? new News2Inputs(null, null, false), settings[id]));
    }
}
