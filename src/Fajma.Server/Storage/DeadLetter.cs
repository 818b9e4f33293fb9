namespace Fajma.Server.Storage;

/// <summary>A refused device message, kept so nothing is dropped silently: who sent what, and every reason.</summary>
public sealed class DeadLetter
{
    public long Id { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public required string Transport { get; set; }

    /// <summary>The topic or route it came in on.</summary>
    public required string Source { get; set; }

    public string? DeviceId { get; set; }

    public required string Reason { get; set; }

    /// <summary>Every field error, one per line.</summary>
    public required string Errors { get; set; }

    public int PayloadSize { get; set; }

    /// <summary>The start of the payload (at most 2 KiB), for diagnosis.</summary>
    public string? PayloadExcerpt { get; set; }
}
