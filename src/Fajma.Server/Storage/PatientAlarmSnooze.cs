namespace Fajma.Server.Storage;

/// <summary>One rule of one patient snoozed by a doctor until <see cref="Until"/>; deleted when lifted early, kept after it expires (the burden shows it).</summary>
public sealed class PatientAlarmSnooze
{
    public int Id { get; set; }

    public int PatientId { get; set; }

    /// <summary>The rule's key, e.g. <c>spo2:low</c>, <c>trend:spo2:down</c>, <c>news2</c>, <c>nodata:{device}</c>.</summary>
    public required string Rule { get; set; }

    public DateTimeOffset Until { get; set; }

    public int SetBy { get; set; }

    public DateTimeOffset SetAt { get; set; }
}
