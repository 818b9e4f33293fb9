namespace Fajma.Server.OnCall;

/// <summary>A doctor in a rota, in rotation order.</summary>
public sealed record RotaMemberDto(int DoctorId, string DisplayName);
