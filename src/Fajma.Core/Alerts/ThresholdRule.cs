using System.Collections.Concurrent;

namespace Fajma.Core.Alerts;

/// <summary>
/// One limit on one vital sign: a reading beyond <see cref="Limit"/> (above when <see cref="Above"/>, else below)
/// for <see cref="Consecutive"/> readings in a row raises the alert; it resolves once readings are back inside by
/// <see cref="Hysteresis"/> for as many in a row, so a value hovering at the limit does not flap. Readings with a
/// quality under <see cref="MinQuality"/> are doubtful: shown, never counted either way.
/// </summary>
public sealed record ThresholdRule(string Type, bool Above, double Limit, AlertSeverity Severity, double Hysteresis, int Consecutive = 2,
    int MinQuality = ThresholdRule.DefaultMinQuality)
{
    /// <summary>Device quality (0–100) under which a reading is doubtful: half confidence, the seed's quality scale midpoint.</summary>
    public const int DefaultMinQuality = 50;

    // Read several times for every reading of the sign: one string per (sign, side), not one per read.
    private static readonly ConcurrentDictionary<(string Type, bool Above), string> s_keys = new();

    /// <summary>Which side of which sign: stable when the doctor moves the limit, so an open alert stays the same alert.</summary>
    public string Key => s_keys.GetOrAdd((Type, Above), static k => $"{k.Type}:{(k.Above ? "high" : "low")}");

    public string Name => $"{Type} {(Above ? ">" : "<")} {Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public bool IsBeyond(double value) => Above ? value > Limit : value < Limit;

    public bool IsBackInside(double value) => Above ? value <= Limit - Hysteresis : value >= Limit + Hysteresis;
}
