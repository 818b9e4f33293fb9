namespace Fajma.Server.Storage;

/// <summary>One measured vital sign, in the unit of its <see cref="Fajma.Core.Vitals.VitalSignDefinition"/>.</summary>
public sealed class Observation
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    public IngestedMessage? Message { get; set; }

    public int PatientId { get; set; }

    public required string DeviceId { get; set; }

    /// <summary>Wire name, for example <c>heart_rate</c>.</summary>
    public required string Type { get; set; }

    public required string Loinc { get; set; }

    public required string Unit { get; set; }

    /// <summary>
    /// Value (systolic for blood pressure), diastolic and quality, AES-256-GCM under the patient's data key
    /// (<see cref="Fajma.Core.Crypto.ObservationSeal"/>): no clinical number is stored in plaintext.
    /// </summary>
    public required byte[] Sealed { get; set; }

    /// <summary>The device's time when it had a real clock, else the server's receive time (see <see cref="ClockSource"/>).</summary>
    public DateTimeOffset MeasuredAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary><c>device</c> or <c>server</c>: whose clock <see cref="MeasuredAt"/> comes from.</summary>
    public required string ClockSource { get; set; }
}
