namespace Fajma.Server.Followers;

// The followers' wire types, small records kept together (none is an EF entity).

/// <summary>What the patient shares with one follower: vitals (within the last <see cref="HistoryHours"/> hours), open alerts.</summary>
public sealed record FollowerScopeRequest(bool ShareVitals, bool ShareAlerts, int HistoryHours);

/// <summary>The patient invites: a name, how they are related, what they may see; the link lasts <see cref="ValidForHours"/> (1–168, default 72).</summary>
public sealed record FollowerInviteRequest(string Name, string Relationship, bool ShareVitals, bool ShareAlerts, int HistoryHours, int? ValidForHours);

/// <summary>The invitation: <see cref="Token"/> is shown this once (only its hash is kept); the link is <see cref="JoinPath"/>.</summary>
public sealed record FollowerInviteDto(int Id, string Name, string Token, string JoinPath, DateTimeOffset ExpiresAt);

/// <summary>One follower as the patient sees them. <see cref="Status"/>: invited, expired, active, revoked.</summary>
public sealed record FollowerDto(int Id, string Name, string Relationship, string Status, string? AccountEmail, bool ShareVitals, bool ShareAlerts,
    int HistoryHours, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RedeemedAt, DateTimeOffset? RevokedAt);

/// <summary>Using a follower link: signed in as a follower, the token alone; otherwise the new account's email, name and password.</summary>
public sealed record RedeemFollowRequest(string Token, string? Email, string? DisplayName, string? Password);

/// <summary>When the follower is paged about this patient: severities, and minutes the care team gets first (0–240).</summary>
public sealed record FollowerAlertSettingsDto(bool Critical, bool Major, bool Warning, int DelayMinutes);

/// <summary>A patient the caller follows, with what the patient shares and the follower's own alert settings.</summary>
public sealed record FollowedPatientDto(int PatientId, string PatientName, string Relationship, bool ShareVitals, bool ShareAlerts, int HistoryHours,
    FollowerAlertSettingsDto Alerts);

/// <summary>An open alert as a follower sees it: what and how urgent, and whether a clinician has it in hand — not who.</summary>
public sealed record FollowerAlertDto(Guid Id, string Severity, string Status, string Title, DateTimeOffset RaisedAt, bool Acknowledged);
