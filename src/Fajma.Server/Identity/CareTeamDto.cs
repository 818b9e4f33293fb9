namespace Fajma.Server.Identity;

/// <summary>A patient's care team: the doctors who see their record.</summary>
public sealed record CareTeamDto(int PatientId, IReadOnlyList<CareTeamDoctor> Doctors);

public sealed record CareTeamDoctor(int Id, string DisplayName, DateTimeOffset JoinedAt);
