using Fajma.Core.Messages;

namespace Fajma.Server.Ingestion;

/// <summary>The result of one message: stored, a duplicate, rejected with every reason, or not taken for now (busy).</summary>
public sealed record IngestOutcome(IngestStatus Status, string? MessageId, int Observations, MessageRejection? Rejection)
{
    /// <summary>The device that proved itself (signature verified): set when stored or a duplicate.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Busy: how long the device should wait before it sends again.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static IngestOutcome Busy(TimeSpan retryAfter, string? messageId) => new(IngestStatus.Busy, messageId, 0, null) { RetryAfter = retryAfter };

    public static IngestOutcome Rejected(MessageRejection rejection, string? messageId = null) =>
        new(IngestStatus.Rejected, messageId, 0, rejection);
}
