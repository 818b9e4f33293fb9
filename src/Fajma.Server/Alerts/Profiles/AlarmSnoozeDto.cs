namespace Fajma.Server.Alerts.Profiles;

public sealed record AlarmSnoozeDto(int Id, string Rule, DateTimeOffset Until, int SetBy, DateTimeOffset SetAt);
