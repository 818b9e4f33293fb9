namespace Fajma.Devices.Transport;

/// <summary>The server's answer to one message: accepted (stored or a duplicate), or refused with its code and reason.</summary>
public sealed record PublishResult(bool Accepted, string Code, string? Reason);
