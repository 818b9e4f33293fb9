namespace Fajma.Server.Storage;

/// <summary>An on-call rota: doctors take shifts in turn, handing over at local wall times in <see cref="TimeZone"/> (Fajma.Core.OnCall).</summary>
public sealed class Rota
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>An IANA zone id (tzdb), e.g. Europe/Paris.</summary>
    public required string TimeZone { get; set; }

    /// <summary>The first shift's start in the rota's wall time, "yyyy-MM-ddTHH:mm" (no offset: the zone decides it, whatever the provider).</summary>
    public required string FirstHandover { get; set; }

    /// <summary>Local handover times, "HH:mm" separated by commas, e.g. "08:00" or "08:00,20:00".</summary>
    public required string HandoverTimes { get; set; }

    /// <summary>Days before the handover times repeat: 1 (daily or 12-hour shifts), 7 (weekly)…</summary>
    public int CycleDays { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<RotaMember> Members { get; set; } = [];

    public List<RotaCover> Covers { get; set; } = [];
}
