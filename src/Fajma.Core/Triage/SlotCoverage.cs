namespace Fajma.Core.Triage;

/// <summary>Share (0–1) of a window's slots with at least one reading, overall and hour by hour (oldest first).</summary>
public sealed record SlotCoverage(double Share, IReadOnlyList<double> Hours);
