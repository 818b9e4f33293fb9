namespace Fajma.Server.Consultations;

public sealed record GuestVitalsRequest(bool Allow);
