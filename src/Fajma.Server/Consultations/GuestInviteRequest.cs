namespace Fajma.Server.Consultations;

/// <summary>The doctor invites a third participant: a name to show, whether they may see vitals, how long the link lasts (minutes, 5–1440; default 60).</summary>
public sealed record GuestInviteRequest(string Name, bool AllowVitals, int? ValidForMinutes);
