namespace Fajma.Server.OnCall;

/// <summary>A rota as read: who is on call in it now and who is next.</summary>
public sealed record RotaDto(int Id, string Name, string TimeZone, string FirstHandover, IReadOnlyList<string> HandoverTimes, int CycleDays,
    IReadOnlyList<RotaMemberDto> Members, IReadOnlyList<RotaOverrideDto> Overrides, OnCallSpanDto? OnCallNow, OnCallSpanDto? NextOnCall);
