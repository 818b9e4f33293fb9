using Fajma.Core.Messages;
using Fajma.Core.Vitals;
using NodaTime;

namespace Fajma.Core.Alerts;

/// <summary>
/// A patient's alarm profile: their night (in their own IANA time zone), per-sign night limits, delays and severities,
/// their trend rules and planned device-off periods. Most monitor alarms are not actionable (87–99 % in ward and PICU
/// studies): the profile is how a doctor makes this patient's alarms mean something. Without one, a patient has
/// exactly the defaults: no delay, no night limits, no trend rules.
/// </summary>
public sealed record AlarmProfile(string TimeZone, LocalTime NightStart, LocalTime NightEnd, IReadOnlyList<SignLimits> Limits,
    IReadOnlyList<TrendRule> Trends, IReadOnlyList<DeviceOffPeriod> DeviceOff)
{
    public const string DefaultTimeZone = "Europe/Paris";
    public static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(60);
    public static readonly TimeSpan LongestWindow = TimeSpan.FromHours(6);
    public static readonly TimeSpan LongestDeviceOff = TimeSpan.FromDays(7);
    public const int MaxItems = 32;

    public static AlarmProfile Default { get; } = new(DefaultTimeZone, new LocalTime(22, 0), new LocalTime(7, 0), [], [], []);

    /// <summary>The trend rules the editor proposes: SpO₂ down 4 in 10 min, heart rate up 30 in 15, NEWS2 up 2 within an hour.</summary>
    public static IReadOnlyList<TrendRule> SuggestedTrends { get; } =
    [
        new("spo2", Rising: false, 4, TimeSpan.FromMinutes(10)),
        new("heart_rate", Rising: true, 30, TimeSpan.FromMinutes(15)),
        new("news2", Rising: true, 2, TimeSpan.FromMinutes(60)),
    ];

    /// <summary>The patient's night; the zone is known (checked by <see cref="Problems"/>), else the default zone's.</summary>
    public NightWindow Night => new(DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone) ?? DateTimeZoneProviders.Tzdb[DefaultTimeZone], NightStart, NightEnd);

    /// <summary>The patient's threshold rules (their own day limits, else the defaults) shaped by this profile.</summary>
    public IReadOnlyList<ProfiledRule> Rules(IEnumerable<AlertThreshold> own)
    {
        var bySign = Limits.ToDictionary(l => l.Type, StringComparer.Ordinal);
        return [.. DefaultAlertRules.For(own).Select(rule =>
        {
            if (!bySign.TryGetValue(rule.Type, out var limits)) return ProfiledRule.Plain(rule);
            var day = limits.Severity is { } severity ? rule with { Severity = severity } : rule;
            return new ProfiledRule(day, rule.Above ? limits.NightHigh : limits.NightLow, limits.Delay);
        })];
    }

    /// <summary>True while a planned device-off period covers the device: its silence raises nothing.</summary>
    public bool IsDeviceOff(string deviceId, DateTimeOffset at) => DeviceOff.Any(p => p.Covers(deviceId, at));

    /// <summary>When the device's silence counts from: its last message, or the end of a device-off period since, whichever is later.</summary>
    public DateTimeOffset SilentSince(string deviceId, DateTimeOffset lastSeen, DateTimeOffset now) =>
        DeviceOff.Where(p => p.Concerns(deviceId) && p.Until > lastSeen && p.Until <= now).Select(p => p.Until).Append(lastSeen).Max();

    /// <summary>Every reason the profile cannot be used, by field (the request's names): nothing is applied unless this is empty.</summary>
    public IReadOnlyList<FieldError> Problems()
    {
        var problems = new List<FieldError>();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZone ?? "") is null) problems.Add(new("timeZone", "must be an IANA time zone, e.g. Europe/Paris"));
        if (NightStart == NightEnd) problems.Add(new("nightEnd", "must differ from nightStart"));
        if (Limits.Count > MaxItems || Trends.Count > MaxItems || DeviceOff.Count > MaxItems) problems.Add(new("limits", $"at most {MaxItems} of each"));
        for (var i = 0; i < Limits.Count; i++) LimitProblems(Limits[i], $"limits[{i}]", problems);
        if (Limits.GroupBy(l => l.Type).Any(g => g.Count() > 1)) problems.Add(new("limits", "each sign at most once"));
        for (var i = 0; i < Trends.Count; i++) TrendProblems(Trends[i], $"trends[{i}]", problems);
        if (Trends.GroupBy(t => t.Key).Any(g => g.Count() > 1)) problems.Add(new("trends", "each sign and direction at most once"));
        for (var i = 0; i < DeviceOff.Count; i++)
        {
            var period = DeviceOff[i];
            if (period.Until <= period.From) problems.Add(new($"deviceOff[{i}].until", "must be after from"));
            else if (period.Until - period.From > LongestDeviceOff) problems.Add(new($"deviceOff[{i}].until", $"a device-off period lasts at most {LongestDeviceOff.TotalDays:0} days"));
        }
        return problems;
    }

    private static void LimitProblems(SignLimits limits, string at, List<FieldError> problems)
    {
        if (!VitalSigns.TryGetByWireName(limits.Type ?? "", out var sign))
        {
            problems.Add(new($"{at}.type", $"must be one of {VitalSigns.WireNames}"));
            return;
        }
        if (limits.NightLow is { } low && !sign.Range.Contains(low)) problems.Add(new($"{at}.nightLow", $"{low} {sign.DisplayUnit} is outside {sign.Range} {sign.DisplayUnit}"));
        if (limits.NightHigh is { } high && !sign.Range.Contains(high)) problems.Add(new($"{at}.nightHigh", $"{high} {sign.DisplayUnit} is outside {sign.Range} {sign.DisplayUnit}"));
        if (limits.NightLow is { } l && limits.NightHigh is { } h && l >= h) problems.Add(new($"{at}.nightHigh", "must be above nightLow"));
        if (limits.Delay < TimeSpan.Zero || limits.Delay > LongestDelay) problems.Add(new($"{at}.delaySeconds", $"must be from 0 to {LongestDelay.TotalSeconds:0}"));
    }

    private static void TrendProblems(TrendRule trend, string at, List<FieldError> problems)
    {
        if (trend.Type != "news2" && !VitalSigns.TryGetByWireName(trend.Type ?? "", out _))
            problems.Add(new($"{at}.type", $"must be news2 or one of {VitalSigns.WireNames}"));
        if (!(trend.Change > 0) || trend.Change > 100) problems.Add(new($"{at}.change", "must be above 0 and at most 100"));
        if (trend.Window < TimeSpan.FromMinutes(1) || trend.Window > LongestWindow) problems.Add(new($"{at}.windowMinutes", $"must be from 1 to {LongestWindow.TotalMinutes:0}"));
    }
}
