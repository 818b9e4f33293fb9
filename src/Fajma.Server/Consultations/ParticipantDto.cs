namespace Fajma.Server.Consultations;

/// <summary>Someone in a consultation: for a guest, its invitation (<see cref="GuestId"/>) and whether the doctor lets it see vitals.</summary>
public sealed record ParticipantDto(int UserId, string Role, string Name, bool Online, int? GuestId = null, bool? MaySeeVitals = null);
