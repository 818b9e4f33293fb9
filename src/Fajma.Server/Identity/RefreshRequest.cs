namespace Fajma.Server.Identity;

public sealed record RefreshRequest(string RefreshToken);
