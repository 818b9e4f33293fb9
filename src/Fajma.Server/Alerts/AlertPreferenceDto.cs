namespace Fajma.Server.Alerts;

/// <summary>How the caller wants to hear about one severity (critical, major, warning): a browser notification, a sound. Every alert shows in the panel regardless.</summary>
public sealed record AlertPreferenceDto(string Severity, bool Browser, bool Sound);
