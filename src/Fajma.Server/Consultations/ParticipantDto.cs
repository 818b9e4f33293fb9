namespace Fajma.Server.Consultations;

public sealed record ParticipantDto(int UserId, string Role, string Name, bool Online);
