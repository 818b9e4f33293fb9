using Fajma.Core.Messages;

namespace Fajma.Core.Vitals;

/// <summary>
/// A patient's own alert limits for one vital sign (seed 000 §3.2 <c>set_alert_threshold</c>), in the sign's
/// display unit; systolic for blood pressure. Either side may be open. The alert engine compares readings to
/// these before the defaults.
/// </summary>
public sealed record AlertThreshold(string Type, double? Low, double? High)
{
    /// <summary>Every reason the threshold cannot be used, by field: unknown sign, a limit outside what can be measured, low ≥ high.</summary>
    public IReadOnlyList<FieldError> Problems()
    {
        if (!VitalSigns.TryGetByWireName(Type ?? "", out var sign))
            return [new FieldError("type", $"must be one of {VitalSigns.WireNames}")];
        var problems = new List<FieldError>();
        if (Low is null && High is null) problems.Add(new FieldError("low", "give a low limit, a high limit, or both"));
        if (Low is { } low && !sign.Range.Contains(low)) problems.Add(new FieldError("low", $"{low} {sign.DisplayUnit} is outside {sign.Range} {sign.DisplayUnit}"));
        if (High is { } high && !sign.Range.Contains(high)) problems.Add(new FieldError("high", $"{high} {sign.DisplayUnit} is outside {sign.Range} {sign.DisplayUnit}"));
        if (Low is { } l && High is { } h && l >= h) problems.Add(new FieldError("high", "must be above the low limit"));
        return problems;
    }
}
