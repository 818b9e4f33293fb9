namespace Fajma.Server.Storage;

/// <summary>A chat message of a consultation: ordered by <see cref="Sequence"/>, text sealed under the patient's data key.</summary>
public sealed class ChatMessage
{
    public long Id { get; set; }

    public int ConsultationId { get; set; }

    /// <summary>1, 2, 3… within the consultation: the order both sides show, and what a client resyncs from.</summary>
    public long Sequence { get; set; }

    /// <summary>Chosen by the sending client: a resend after a lost answer finds the stored message instead of doubling it.</summary>
    public Guid ClientMessageId { get; set; }

    public int SenderId { get; set; }

    public DateTimeOffset SentAt { get; set; }

    public required byte[] Sealed { get; set; }
}
