namespace Fajma.Core.Records;

/// <summary>What <see cref="LegalHold.Decide"/> answers: permitted or not, when the hold ends (if there is one), and why.</summary>
public sealed record ErasureVerdict(bool Permitted, DateTimeOffset? HoldEndsAt, ErasureGround Ground);
