namespace Fajma.Server.Identity;

/// <summary>
/// Ten single-use recovery codes, shown once, when the second factor is turned on; and the session's new tokens, which
/// carry the passed second factor (the code that confirmed is one).
/// </summary>
public sealed record MfaRecoveryCodesDto(IReadOnlyList<string> RecoveryCodes, TokenResponse Tokens);
