namespace Fajma.Core.Alerts;

/// <summary>
/// Where one rule stands for one patient: whether its alert is open, and the current run of readings beyond or back inside.
/// <see cref="BeyondSince"/>: when the current run beyond began, for a delayed rule ("outside the limit for N minutes").
/// </summary>
public sealed record RuleState(bool Open, int RunBeyond, int RunInside, DateTimeOffset? BeyondSince = null)
{
    public static RuleState Initial { get; } = new(false, 0, 0);
}
