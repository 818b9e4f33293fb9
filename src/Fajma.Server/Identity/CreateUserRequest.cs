namespace Fajma.Server.Identity;

/// <summary>A new account. A patient's account links to <see cref="PatientId"/>, or, with <see cref="DateOfBirth"/> instead, to a new patient record made with it.</summary>
public sealed record CreateUserRequest(string Email, string DisplayName, string Role, string Password, int? PatientId, DateOnly? DateOfBirth = null);
