using System.Text.Json;
using Fajma.Core.Alerts;
using Fajma.Core.Messages;
using Fajma.Core.Vitals;
using Fajma.Server.Storage;
using NodaTime;
using NodaTime.Text;

namespace Fajma.Server.Alerts.Profiles;

/// <summary>Between the API's spelling of a profile, the stored row and Core's <see cref="AlarmProfile"/>; parsing names each bad field.</summary>
public static class AlarmProfileMapping
{
    private static readonly LocalTimePattern s_time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static AlarmProfile ToProfile(PatientAlarmProfile row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var document = JsonSerializer.Deserialize(row.Document, AlertsJsonContext.Default.AlarmProfileDocument)!;
        var errors = new List<FieldError>();
        return new AlarmProfile(row.TimeZone, LocalTime.FromMinutesSinceMidnight(row.NightStart), LocalTime.FromMinutesSinceMidnight(row.NightEnd),
            [.. document.Limits.Select((l, i) => ToLimits(l, $"limits[{i}]", errors))], [.. document.Trends.Select((t, i) => ToTrend(t, $"trends[{i}]", errors))],
            [.. document.DeviceOff.Select(p => new DeviceOffPeriod(p.From, p.Until, p.DeviceId))]);
    }

    public static string Document(AlarmProfile profile) => JsonSerializer.Serialize(new AlarmProfileDocument(
        [.. profile.Limits.Select(l => new SignLimitsDto(l.Type, null, null, l.NightLow, l.NightHigh, (int)l.Delay.TotalSeconds, SeverityName(l.Severity)))],
        [.. profile.Trends.Select(ToDto)], [.. profile.DeviceOff.Select(p => new DeviceOffPeriodDto(p.From, p.Until, p.DeviceId))]),
        AlertsJsonContext.Default.AlarmProfileDocument);

    /// <summary>The request as a profile and the day limits it sets (signs with neither low nor high keep theirs); every problem by field, or none.</summary>
    public static (AlarmProfile Profile, IReadOnlyList<AlertThreshold> DayLimits, List<FieldError> Problems) Parse(AlarmProfileRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        var start = Time(request.NightStart, "nightStart", errors);
        var end = Time(request.NightEnd, "nightEnd", errors);
        var limits = request.Limits ?? [];
        var days = new List<AlertThreshold>();
        for (var i = 0; i < limits.Count; i++)
        {
            var l = limits[i];
            if (l.Low is null && l.High is null) continue;
            var day = new AlertThreshold(l.Type, l.Low, l.High);
            errors.AddRange(day.Problems().Where(p => p.Field != "type").Select(p => new FieldError($"limits[{i}].{p.Field}", p.Message)));
            days.Add(day);
        }
        var profile = new AlarmProfile(request.TimeZone ?? AlarmProfile.DefaultTimeZone, start, end, [.. limits.Select((l, i) => ToLimits(l, $"limits[{i}]", errors))],
            [.. (request.Trends ?? []).Select((t, i) => ToTrend(t, $"trends[{i}]", errors))],
            [.. (request.DeviceOff ?? []).Select(p => new DeviceOffPeriod(p.From, p.Until, string.IsNullOrWhiteSpace(p.DeviceId) ? null : p.DeviceId))]);
        errors.AddRange(profile.Problems());
        return (profile, days, errors);
    }

    public static AlarmProfileDto ToDto(int patientId, AlarmProfile profile, IReadOnlyList<AlertThreshold> own, IReadOnlyList<AlarmSnoozeDto> snoozes, PatientAlarmProfile? row)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var rules = profile.Rules(own);
        var bySign = profile.Limits.ToDictionary(l => l.Type, StringComparer.Ordinal);
        var limits = VitalSigns.All.Select(sign =>
        {
            var low = rules.FirstOrDefault(r => r.Key == $"{sign.WireName}:low");
            var high = rules.FirstOrDefault(r => r.Key == $"{sign.WireName}:high");
            var mine = bySign.GetValueOrDefault(sign.WireName);
            return new SignLimitsDto(sign.WireName, low?.Day.Limit, high?.Day.Limit, mine?.NightLow, mine?.NightHigh, (int)(mine?.Delay.TotalSeconds ?? 0),
                SeverityName(mine?.Severity));
        }).Where(l => l.Low is not null || l.High is not null || bySign.ContainsKey(l.Type)).ToList();
        return new AlarmProfileDto(patientId, profile.TimeZone, s_time.Format(profile.NightStart), s_time.Format(profile.NightEnd), limits,
            [.. profile.Trends.Select(ToDto)], [.. profile.DeviceOff.Select(p => new DeviceOffPeriodDto(p.From, p.Until, p.DeviceId))], snoozes,
            [.. AlarmProfile.SuggestedTrends.Select(ToDto)], row?.SetBy, row?.SetAt);
    }

    public static TrendRuleDto ToDto(TrendRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new(rule.Type, rule.Rising ? "up" : "down", rule.Change, (int)rule.Window.TotalMinutes, SeverityName(rule.Severity));
    }

    public static string? SeverityName(AlertSeverity? severity) => severity is { } s ? OpenAlert.Name(s) : null;

    private static SignLimits ToLimits(SignLimitsDto l, string at, List<FieldError> errors) =>
        new(l.Type, l.NightLow, l.NightHigh, TimeSpan.FromSeconds(l.DelaySeconds), Severity(l.Severity, $"{at}.severity", errors));

    private static TrendRule ToTrend(TrendRuleDto t, string at, List<FieldError> errors)
    {
        if (t.Direction is not ("up" or "down")) errors.Add(new($"{at}.direction", "must be up or down"));
        return new TrendRule(t.Type, t.Direction == "up", t.Change, TimeSpan.FromMinutes(t.WindowMinutes), Severity(t.Severity, $"{at}.severity", errors) ?? AlertSeverity.Major);
    }

    private static AlertSeverity? Severity(string? text, string field, List<FieldError> errors)
    {
        if (text is null) return null;
        if (Enum.TryParse<AlertSeverity>(text, ignoreCase: true, out var s) && Enum.IsDefined(s) && !char.IsAsciiDigit(text[0])) return s;
        errors.Add(new(field, "must be warning, major or critical"));
        return null;
    }

    private static LocalTime Time(string? text, string field, List<FieldError> errors)
    {
        var fallback = field == "nightStart" ? AlarmProfile.Default.NightStart : AlarmProfile.Default.NightEnd;
        if (text is null) return fallback;
        var parsed = s_time.Parse(text);
        if (parsed.Success) return parsed.Value;
        errors.Add(new(field, "must be a local time HH:mm, e.g. 22:00"));
        return fallback;
    }
}
