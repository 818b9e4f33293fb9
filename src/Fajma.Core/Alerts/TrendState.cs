namespace Fajma.Core.Alerts;

/// <summary>
/// Where one trend rule stands: whether its alert is open, and the samples within its window, oldest first — thinned
/// to one per <see cref="TrendEvaluator.Buckets"/>th of the window, keeping the one a change is measured from.
/// </summary>
public sealed record TrendState(bool Open, IReadOnlyList<TrendSample> Samples)
{
    public static TrendState Initial { get; } = new(false, []);
}
