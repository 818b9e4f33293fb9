namespace Fajma.Server.Consultations;

/// <summary>The invitation: <see cref="Token"/> is shown this once (only its hash is kept); the link is <see cref="JoinPath"/>.</summary>
public sealed record GuestInviteDto(int GuestId, int ConsultationId, string Name, string Token, string JoinPath, DateTimeOffset ExpiresAt, bool AllowVitals);
