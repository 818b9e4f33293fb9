namespace Fajma.Server.Ingestion;

/// <summary>Configuration section <c>Ingestion</c>: how far a device's clock may be from the server's, and how much refused input is recorded one by one.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>A measured time further in the future than this is refused: a device clock that is wrong, or a forged message.</summary>
    public TimeSpan MaxClockAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Older messages are refused. Long enough for a device to forward what it buffered while offline.</summary>
    public TimeSpan MaxMessageAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Refusals recorded one by one (dead letter and audit row) per sender per <see cref="RefusalWindow"/>; the rest are counted.</summary>
    public int RefusalsRecordedPerSender { get; set; } = 20;

    /// <summary>Refusals recorded one by one per <see cref="RefusalWindow"/> from all senders together.</summary>
    public int RefusalsRecordedPerWindow { get; set; } = 200;

    public TimeSpan RefusalWindow { get; set; } = TimeSpan.FromMinutes(1);
}
