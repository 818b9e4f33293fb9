namespace Fajma.Server.Consultations;

public sealed record RedeemGuestRequest(string Token);
