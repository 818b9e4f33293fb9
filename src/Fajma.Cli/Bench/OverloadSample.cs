namespace Fajma.Cli.Bench;

/// <summary>One second of <c>bench overload</c>: what the devices heard in it, and the server's CPU (cores) and resident memory at its end.</summary>
internal sealed record OverloadSample(double At, long Acknowledged, long TurnedAway, long Errors, long Refused, double ServerCores, double ResidentMb);
