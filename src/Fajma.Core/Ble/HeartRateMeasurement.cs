namespace Fajma.Core.Ble;

/// <summary>
/// One Heart Rate Measurement notification (GATT characteristic 0x2A37 of the Heart Rate Service 0x180D) as a strap sent it.
/// <paramref name="HeartRate"/> is in beats per minute, 0–65535 as the format allows: 0 is kept as sent (some straps send it
/// without skin contact), since clinical limits are the caller's, not the format's.
/// <paramref name="EnergyExpendedKilojoules"/> is null when the notification did not carry it (straps send it only now and then);
/// 65535 means "at least 65535", the field saturates there until the client resets it.
/// <paramref name="RrIntervalTicks"/> are the beat-to-beat intervals exactly as sent, in 1/1024 s ticks (0–65535), oldest first:
/// the raw ticks are kept so that nothing is lost to rounding and a value re-encodes to the same bytes;
/// <see cref="RrIntervalsMilliseconds"/> gives them in milliseconds.
/// </summary>
public sealed record HeartRateMeasurement(
    int HeartRate,
    HeartRateSensorContact SensorContact,
    int? EnergyExpendedKilojoules,
    IReadOnlyList<int> RrIntervalTicks)
{
    /// <summary>The unit of an RR interval on the wire: 1/1024 of a second.</summary>
    public const double TicksPerSecond = 1024.0;

    /// <summary>The RR intervals in milliseconds (tick × 1000 / 1024), oldest first; empty when none were sent.</summary>
    public IReadOnlyList<double> RrIntervalsMilliseconds => RrIntervalTicks.Select(t => t * 1000.0 / TicksPerSecond).ToArray();

    /// <summary>Value equality including the RR intervals' contents (a record compares lists by reference), so a parse of an encoding equals the original.</summary>
    public bool Equals(HeartRateMeasurement? other) =>
        other is not null
        && HeartRate == other.HeartRate
        && SensorContact == other.SensorContact
        && EnergyExpendedKilojoules == other.EnergyExpendedKilojoules
        && RrIntervalTicks.SequenceEqual(other.RrIntervalTicks);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(HeartRate);
        hash.Add(SensorContact);
        hash.Add(EnergyExpendedKilojoules);
        foreach (var tick in RrIntervalTicks) hash.Add(tick);
        return hash.ToHashCode();
    }
}
