namespace Fajma.Server.Storage;

/// <summary>
/// A patient's alarm profile as stored: the night (local times in the patient's IANA zone) in columns, and the per-sign
/// limits, trend rules and device-off periods as one JSON document, written whole so a profile is never half-applied.
/// Day limits stay in <see cref="PatientAlertThreshold"/>, which the profile edits in the same transaction.
/// </summary>
public sealed class PatientAlarmProfile
{
    public int PatientId { get; set; }

    public required string TimeZone { get; set; }

    /// <summary>Minutes after local midnight.</summary>
    public int NightStart { get; set; }

    public int NightEnd { get; set; }

    /// <summary><c>{limits, trends, deviceOff}</c> as the API spells them (Alerts.Profiles.AlarmProfileDocument).</summary>
    public required string Document { get; set; }

    public int SetBy { get; set; }

    public DateTimeOffset SetAt { get; set; }
}
