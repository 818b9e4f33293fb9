namespace Fajma.Server.Patients;

public sealed record CreatePatientRequest(string DisplayName, DateOnly DateOfBirth);
