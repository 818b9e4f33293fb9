using Fajma.Server.Storage;

namespace Fajma.Server.Observations.Reads;

/// <summary>Which part of a patient's history a read wants: measured from and to (both inclusive), and older than a cursor.</summary>
public readonly record struct HistoryWindow(DateTimeOffset? From = null, DateTimeOffset? To = null, HistoryCursor? Before = null)
{
    /// <summary>The newest time a row in the window can have been measured at.</summary>
    public DateTimeOffset? Newest
    {
        get
        {
            DateTimeOffset? cursor = Before is { } b ? DateTimeOffset.FromUnixTimeMilliseconds(b.MeasuredAtMs) : null;
            return (To, cursor) switch
            {
                ({ } to, { } at) => to < at ? to : at,
                _ => To ?? cursor,
            };
        }
    }

    /// <summary>The rows of <paramref name="rows"/> inside the window.</summary>
    public IQueryable<Observation> Apply(IQueryable<Observation> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (From is { } from) rows = rows.Where(o => o.MeasuredAt >= from);
        if (To is { } to) rows = rows.Where(o => o.MeasuredAt <= to);
        if (Before is { } cursor)
        {
            var at = DateTimeOffset.FromUnixTimeMilliseconds(cursor.MeasuredAtMs);
            var id = cursor.Id;
            rows = rows.Where(o => o.MeasuredAt < at || (o.MeasuredAt == at && o.Id < id));
        }
        return rows;
    }
}
