using Fajma.Core.Alerts;
using Fajma.Core.Paging;
using Fajma.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Fajma.Server.Alerts;

/// <summary>Notification preferences per clinician and severity. Unset: critical rings and pops up, major pops up, a warning only shows in the panel.</summary>
public static class AlertPreferences
{
    public static AlertPreferenceDto Default(AlertSeverity severity)
    {
        var outside = PageChannels.Default(severity);
        return new(OpenAlert.Name(severity), Browser: severity >= AlertSeverity.Major, Sound: severity == AlertSeverity.Critical,
            outside.Push, outside.Sms, outside.Voice, outside.Email);
    }

    public static async Task<List<AlertPreferenceDto>> PreferencesOfAsync(this FajmaDbContext db, int userId, CancellationToken cancellationToken)
    {
        var stored = await db.AlertPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Severity, cancellationToken);
        return [.. Enum.GetValues<AlertSeverity>().Reverse().Select(s => stored.TryGetValue(s, out var p)
            ? new AlertPreferenceDto(OpenAlert.Name(s), p.Browser, p.Sound, p.Push, p.Sms, p.Voice, p.Email) : Default(s))];
    }

    public static async Task SetPreferencesAsync(this FajmaDbContext db, int userId, IReadOnlyList<AlertPreference> preferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var severities = preferences.Select(p => p.Severity).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AlertPreferences.Where(p => p.UserId == userId && severities.Contains(p.Severity)).ExecuteDeleteAsync(cancellationToken);
        db.AlertPreferences.AddRange(preferences);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
