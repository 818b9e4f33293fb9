namespace Fajma.Server.Ingestion;

/// <summary>Configuration section <c>Ingestion</c>: how far a device's clock may be from the server's.</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>A measured time further in the future than this is refused: a device clock that is wrong, or a forged message.</summary>
    public TimeSpan MaxClockAhead { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Older messages are refused. Long enough for a device to forward what it buffered while offline.</summary>
    public TimeSpan MaxMessageAge { get; set; } = TimeSpan.FromDays(7);
}
