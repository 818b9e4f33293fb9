namespace Fajma.Cli.Bench;

/// <summary>
/// One second of <c>bench overload</c>: what the devices heard in it, and at its end the devices connected, the server's CPU
/// (cores) and resident memory.
/// </summary>
internal sealed record OverloadSample(double At, long Acknowledged, long TurnedAway, long Errors, long Refused, long Connected, double ServerCores, double ResidentMb);
