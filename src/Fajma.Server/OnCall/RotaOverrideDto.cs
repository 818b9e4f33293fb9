namespace Fajma.Server.OnCall;

/// <summary>A doctor covering a rota from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record RotaOverrideDto(int Id, int DoctorId, string DisplayName, DateTimeOffset From, DateTimeOffset To);
