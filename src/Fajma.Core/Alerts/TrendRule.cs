using System.Collections.Concurrent;

namespace Fajma.Core.Alerts;

/// <summary>
/// A rate-of-change rule: <see cref="Type"/> (a vital sign's wire name, or <c>news2</c>) moving by at least
/// <see cref="Change"/> within <see cref="Window"/>, up when <see cref="Rising"/>, else down — e.g. SpO₂ down 4 points
/// in 10 minutes, heart rate up 30 bpm in 15, NEWS2 up 2 within an hour. A fall caught early, while the value is still
/// inside its limits, is what a threshold alone misses.
/// </summary>
public sealed record TrendRule(string Type, bool Rising, double Change, TimeSpan Window, AlertSeverity Severity = AlertSeverity.Major)
{
    // Read for every reading of the sign: one string per (sign, direction), not one per read.
    private static readonly ConcurrentDictionary<(string Type, bool Rising), string> s_keys = new();

    /// <summary>Stable while the doctor tunes the amount or the window, so an open trend alert stays the same alert.</summary>
    public string Key => s_keys.GetOrAdd((Type, Rising), static k => $"trend:{k.Type}:{(k.Rising ? "up" : "down")}");

    public string Name => $"{Type} {(Rising ? "up" : "down")} {Change.ToString(System.Globalization.CultureInfo.InvariantCulture)} in {Window.TotalMinutes:0} min";
}
