namespace Fajma.Server.Platform;

/// <summary>The server's clock, for devices without NTP to align to (seed 000 §2.3B).</summary>
public sealed record ServerClock(DateTimeOffset ServerTime, long UnixMilliseconds);
