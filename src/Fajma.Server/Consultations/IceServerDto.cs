namespace Fajma.Server.Consultations;

/// <summary>One entry of <c>RTCConfiguration.iceServers</c>.</summary>
public sealed record IceServerDto(IReadOnlyList<string> Urls, string? Username, string? Credential);
