namespace Fajma.Core.Crypto;

/// <summary>The clinical numbers of one observation, as they are sealed together at rest.</summary>
public readonly record struct SealedValues(double Value, double? Diastolic, int? Quality);
