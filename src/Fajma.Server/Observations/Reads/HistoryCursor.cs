using System.Globalization;

namespace Fajma.Server.Observations.Reads;

/// <summary>Keyset position in a patient's history: the (measured-at ms, id) of the last row returned.</summary>
public readonly record struct HistoryCursor(long MeasuredAtMs, long Id)
{
    public override string ToString() => FormattableString.Invariant($"{MeasuredAtMs}_{Id}");

    public static bool TryParse(string? text, out HistoryCursor cursor)
    {
        cursor = default;
        var parts = text?.Split('_');
        if (parts is not { Length: 2 }
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        cursor = new HistoryCursor(at, id);
        return true;
    }
}
