namespace Fajma.Server.OnCall;

/// <summary>The caller's on-call: now (and until when, in which rota) and their next shifts over the coming fortnight.</summary>
public sealed record MyOnCallDto(bool OnCallNow, DateTimeOffset? Until, string? RotaName, IReadOnlyList<MyShiftDto> NextShifts);
