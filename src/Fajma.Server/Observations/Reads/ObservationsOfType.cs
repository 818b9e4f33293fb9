using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Observations.Reads;

/// <summary>
/// A patient's readings of one type, newest first. Observations are indexed by (patient, time) only (an index by type cost a
/// leaf page per sign on every reading), so a read by type first asks which minutes hold the type (<see cref="ObservationMinute"/>)
/// and reads only those: a pressure taken once a day is found without reading the day's heart rates.
/// </summary>
public static class ObservationsOfType
{
    /// <summary>
    /// Minutes asked for at a time, at most: a busy type fills a page from its first few, a sparse one walks back further.
    /// A listed minute holds at least one reading (unless purged meanwhile), so a page of n needs no more than n minutes.
    /// </summary>
    private const int MinutesPerRound = 64;

    private static readonly TimeSpan s_minute = TimeSpan.FromMilliseconds(ObservationModel.MinuteMilliseconds);

    /// <summary>Up to <paramref name="take"/> readings of <paramref name="type"/> in <paramref name="window"/>, newest first, opened.</summary>
    public static async Task<List<ObservationDto>> NewestOfTypeAsync(this FajmaDbContext db, PatientKeys keys, int patientId, string type,
        HistoryWindow window, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        var found = new List<ObservationDto>(Math.Min(take, 256));
        var minutes = db.ObservationMinutes.AsNoTracking().Where(m => m.PatientId == patientId && m.Type == type);
        if (window.Newest is { } newest) minutes = minutes.Where(m => m.Start <= newest);
        if (window.From is { } from)
        {
            var firstMinute = from - s_minute;
            minutes = minutes.Where(m => m.Start > firstMinute);
        }
        var perRound = Math.Min(MinutesPerRound, take);
        DateTimeOffset? olderThan = null;
        while (true)
        {
            var round = olderThan is { } older ? minutes.Where(m => m.Start < older) : minutes;
            var starts = await round.OrderByDescending(m => m.Start).Select(m => m.Start).Take(perRound).ToListAsync(cancellationToken);
            foreach (var (oldest, end) in Runs(starts))
            {
                var rows = window.Apply(db.Observations.Where(o => o.PatientId == patientId && o.Type == type && o.MeasuredAt >= oldest && o.MeasuredAt < end));
                found.AddRange(await rows.OrderByDescending(o => o.MeasuredAt).ThenByDescending(o => o.Id).Take(take - found.Count).ReadAsync(keys, cancellationToken));
                if (found.Count >= take) return found;
            }
            if (starts.Count < perRound) return found;
            olderThan = starts[^1];
        }
    }

    /// <summary>Newest-first minute starts grouped into runs of consecutive minutes, each as [oldest start, newest start + 1 min): one range read per run.</summary>
    private static IEnumerable<(DateTimeOffset Oldest, DateTimeOffset End)> Runs(List<DateTimeOffset> starts)
    {
        var i = 0;
        while (i < starts.Count)
        {
            var end = starts[i] + s_minute;
            var oldest = starts[i];
            while (i + 1 < starts.Count && starts[i + 1] == oldest - s_minute) oldest = starts[++i];
            i++;
            yield return (oldest, end);
        }
    }
}
