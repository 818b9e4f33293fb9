namespace Fajma.Core.Alerts;

/// <summary>Where one rule stands for one patient: whether its alert is open, and the current run of readings beyond or back inside.</summary>
public sealed record RuleState(bool Open, int RunBeyond, int RunInside)
{
    public static RuleState Initial { get; } = new(false, 0, 0);
}
