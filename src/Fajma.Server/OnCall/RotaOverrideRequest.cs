namespace Fajma.Server.OnCall;

/// <summary>A doctor covers the rota from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record RotaOverrideRequest(int DoctorId, DateTimeOffset From, DateTimeOffset To);
