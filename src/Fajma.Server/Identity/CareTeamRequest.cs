namespace Fajma.Server.Identity;

public sealed record CareTeamRequest(int DoctorId);
