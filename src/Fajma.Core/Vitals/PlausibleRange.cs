namespace Fajma.Core.Vitals;

/// <summary>
/// Values a living, measured human can show. Outside it a reading is a sensor fault or garbage,
/// not a clinical finding: it is rejected, never stored as an observation.
/// </summary>
public readonly record struct PlausibleRange(double Min, double Max)
{
    public bool Contains(double value) => double.IsFinite(value) && value >= Min && value <= Max;

    public override string ToString() => FormattableString.Invariant($"{Min}–{Max}");
}
