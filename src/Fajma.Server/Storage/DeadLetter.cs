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

    /// <summary>The names of the wrong fields, in plaintext for operators to group by.</summary>
    public required string Fields { get; set; }

    public int PayloadSize { get; set; }

    /// <summary>
    /// Every field error and the start of the payload (at most 2 KiB), which may quote clinical values:
    /// sealed under the platform data key (<see cref="Fajma.Core.Crypto.DeadLetterSeal"/>).
    /// </summary>
    public required byte[] Sealed { get; set; }
}
