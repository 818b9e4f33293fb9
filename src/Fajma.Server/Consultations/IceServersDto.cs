namespace Fajma.Server.Consultations;

/// <summary>The ICE servers for a call, with how long the TURN credentials last.</summary>
public sealed record IceServersDto(IReadOnlyList<IceServerDto> IceServers, int TtlSeconds);
