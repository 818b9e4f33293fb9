namespace Fajma.Server.Alerts.Profiles;

/// <summary>
/// One rule's alarm burden over the period: how often it fired, how the doctors who resolved it by hand judged it
/// (actionable or not), how many resolved by themselves (values back in range) or are still open, and the median time
/// from raise to acknowledgement (null when none was acknowledged).
/// </summary>
public sealed record RuleBurdenDto(string Rule, string Kind, int Fired, int Actionable, int NotActionable, int ResolvedByValues, int Open,
    double? MedianSecondsToAcknowledge);
