namespace Fajma.Devices.Transport;

/// <summary>The server's answer to one message: accepted (stored or a duplicate), or refused with its code and reason.</summary>
public sealed record PublishResult(bool Accepted, string Code, string? Reason)
{
    /// <summary>A busy server's "send it again after this" (HTTP Retry-After, MQTT 5 user property retry-after), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The wait before sending again: <see cref="RetryAfter"/> plus up to a fifth more, so a ward told the same does not come back in step.</summary>
    public TimeSpan? RetryAfterWithJitter() => RetryAfter is { } after ? after + after * (0.2 * Random.Shared.NextDouble()) : null;

    /// <summary>Retry-After in seconds (RFC 9110 also allows a date: a server that sends one gets the usual backoff instead).</summary>
    public static TimeSpan? RetryAfterOf(System.Net.Http.HttpResponseMessage response) =>
        response?.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero ? delta : null;
}
