namespace Fajma.Server.Identity;

public sealed record CreateUserRequest(string Email, string DisplayName, string Role, string Password, int? PatientId);
