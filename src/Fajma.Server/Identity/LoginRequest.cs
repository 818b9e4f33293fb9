namespace Fajma.Server.Identity;

public sealed record LoginRequest(string Email, string Password);
