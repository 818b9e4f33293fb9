namespace Fajma.Server.Identity;

/// <summary>A new TOTP secret, shown once: as an otpauth:// URI, its base32 secret (typed by hand) and a QR code (PNG data URI).</summary>
public sealed record MfaEnrolmentDto(string OtpauthUri, string Secret, string QrCodeDataUri);
