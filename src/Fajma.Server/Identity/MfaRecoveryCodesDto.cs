namespace Fajma.Server.Identity;

/// <summary>Ten single-use recovery codes, shown once, when the second factor is turned on.</summary>
public sealed record MfaRecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);
