namespace Fajma.Server.Storage;

/// <summary>
/// A minute in which a patient has at least one observation of a type: where to look for a type's readings, kept by a trigger
/// on every insert into observations (<see cref="ObservationModel"/>). It stands in for an index on (patient, type, time),
/// which cost a leaf page per type on every reading; a minute's row is written once, by its first reading of that type.
/// </summary>
public sealed class ObservationMinute
{
    public int PatientId { get; set; }

    /// <summary>Wire name, for example <c>heart_rate</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The minute's first millisecond: a reading measured at <c>t</c> (ms) is in the minute <c>t - t % 60000</c>.</summary>
    public DateTimeOffset Start { get; set; }
}
