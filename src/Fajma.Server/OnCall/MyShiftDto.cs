namespace Fajma.Server.OnCall;

/// <summary>One of the caller's coming shifts, in a rota.</summary>
public sealed record MyShiftDto(int RotaId, string RotaName, string TimeZone, DateTimeOffset Start, DateTimeOffset End);
