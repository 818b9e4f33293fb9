namespace Fajma.Server.Consultations;

/// <summary>Configuration section <c>Rtc</c>: the ICE servers browsers get for calls.</summary>
public sealed class RtcOptions
{
    public const string Section = "Rtc";

    /// <summary>STUN URLs, e.g. <c>stun:stun.example.org:3478</c>. Empty by default: on one host, host candidates suffice.</summary>
    public string[] StunUrls { get; set; } = [];

    /// <summary>TURN URLs of a coturn started with <c>use-auth-secret</c>, e.g. <c>turn:127.0.0.1:3478</c>.</summary>
    public string[] TurnUrls { get; set; } = [];

    /// <summary>coturn's <c>static-auth-secret</c>: credentials are derived from it, never stored.</summary>
    public string? TurnSecret { get; set; }

    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromHours(2);
}
