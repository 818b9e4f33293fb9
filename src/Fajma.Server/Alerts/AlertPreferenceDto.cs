namespace Fajma.Server.Alerts;

/// <summary>
/// How the caller wants to hear about one severity (critical, major, warning): in the app a browser notification and a
/// sound; outside it push, SMS, a call, e-mail (Paging). Every alert shows in the panel regardless. A channel left out
/// of a request keeps its current setting.
/// </summary>
public sealed record AlertPreferenceDto(string Severity, bool Browser, bool Sound, bool? Push = null, bool? Sms = null, bool? Voice = null, bool? Email = null);
