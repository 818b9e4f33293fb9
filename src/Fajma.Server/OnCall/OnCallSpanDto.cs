namespace Fajma.Server.OnCall;

/// <summary>One doctor on call from <see cref="Start"/> to <see cref="End"/>; <see cref="Covering"/> when by an override.</summary>
public sealed record OnCallSpanDto(int DoctorId, string DisplayName, DateTimeOffset Start, DateTimeOffset End, bool Covering);
