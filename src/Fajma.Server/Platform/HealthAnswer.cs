namespace Fajma.Server.Platform;

/// <summary>What <c>/health/live</c> and <c>/health/ready</c> answer: the overall status and each check's.</summary>
public sealed record HealthAnswer(string Status, IReadOnlyDictionary<string, HealthCheckAnswer> Checks);

public sealed record HealthCheckAnswer(string Status, string? Description);
