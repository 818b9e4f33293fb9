namespace Fajma.Server.Identity;

/// <summary>The signed-in user as the app shows them.</summary>
public sealed record UserDto(int Id, string Email, string DisplayName, string Role, int? PatientId);
