namespace Fajma.Server.OnCall;

/// <summary>A rota, who is on call in it now and who is next.</summary>
public sealed record RotaDto(int Id, string Name, string TimeZone, string FirstHandover, IReadOnlyList<string> HandoverTimes, int CycleDays,
    IReadOnlyList<RotaMemberDto> Members, IReadOnlyList<RotaOverrideDto> Overrides, OnCallSpanDto? OnCallNow, OnCallSpanDto? NextOnCall);

public sealed record RotaMemberDto(int DoctorId, string DisplayName);

public sealed record RotaOverrideDto(int Id, int DoctorId, string DisplayName, DateTimeOffset From, DateTimeOffset To);

/// <summary>One doctor on call from <see cref="Start"/> to <see cref="End"/>; <see cref="Covering"/> when by an override.</summary>
public sealed record OnCallSpanDto(int DoctorId, string DisplayName, DateTimeOffset Start, DateTimeOffset End, bool Covering);
