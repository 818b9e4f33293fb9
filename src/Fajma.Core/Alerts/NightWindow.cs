using NodaTime;

namespace Fajma.Core.Alerts;

/// <summary>
/// The patient's night, in their own time zone: from <see cref="Start"/> to <see cref="End"/> local time (crossing
/// midnight when Start is later than End). Local time is read from the instant through the zone's rules, so a
/// daylight-saving change moves the night with the patient's clock, not with UTC.
/// </summary>
public sealed record NightWindow(DateTimeZone Zone, LocalTime Start, LocalTime End)
{
    public bool IsNight(DateTimeOffset at)
    {
        var local = Instant.FromDateTimeOffset(at).InZone(Zone).TimeOfDay;
        return Start <= End ? local >= Start && local < End : local >= Start || local < End;
    }
}
