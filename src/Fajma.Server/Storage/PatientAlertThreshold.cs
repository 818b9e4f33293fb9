namespace Fajma.Server.Storage;

/// <summary>A patient's alert limits for one vital sign, set by their doctor (from the consultation room or the record).</summary>
public sealed class PatientAlertThreshold
{
    public int PatientId { get; set; }

    /// <summary>Wire name of the vital sign, for example <c>heart_rate</c>.</summary>
    public required string Type { get; set; }

    public double? Low { get; set; }

    public double? High { get; set; }

    public int SetBy { get; set; }

    public DateTimeOffset SetAt { get; set; }
}
