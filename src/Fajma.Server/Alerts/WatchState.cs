using Fajma.Core.Alerts;
using Fajma.Core.Vitals;

namespace Fajma.Server.Alerts;

/// <summary>
/// Where a patient's rules stand, as nodes of a cluster share it (<see cref="WatchStates"/>): each rule's run, the latest
/// value of each sign (for NEWS2) and the device time last evaluated per sign (a replay moves no rule, on any node), and
/// each trend rule's window of samples.
/// </summary>
public sealed record WatchState(
    IReadOnlyDictionary<string, RuleState> Rules,
    IReadOnlyList<WatchState.Latest> Vitals,
    IReadOnlyDictionary<string, TrendState>? Trends = null)
{
    public sealed record Latest(VitalSignType Type, double Value, DateTimeOffset At, DateTimeOffset? EvaluatedAt);
}
