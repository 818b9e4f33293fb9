using Fajma.Core.Wire;

namespace Fajma.Server.Ingestion;

/// <summary>A phone's relay batch (seed 000 §2.1B): up to 100 standard messages from the sensors it relays.</summary>
public sealed record MobileBatch(IReadOnlyList<StandardMessage> Messages)
{
    public const int MaxMessages = 100;

    /// <summary>A batch may carry up to 100 messages of up to 64 KiB each, but not more than 1 MiB in all.</summary>
    public const int MaxBytes = 1024 * 1024;
}
