using Fajma.Core.Messages;

namespace Fajma.Server.Ingestion;

/// <summary>The result of one message: stored, a duplicate, or rejected with every reason.</summary>
public sealed record IngestOutcome(IngestStatus Status, string? MessageId, int Observations, MessageRejection? Rejection)
{
    /// <summary>The device that proved itself (signature verified): set when stored or a duplicate.</summary>
    public string? DeviceId { get; init; }

    public static IngestOutcome Rejected(MessageRejection rejection, string? messageId = null) =>
        new(IngestStatus.Rejected, messageId, 0, rejection);
}
