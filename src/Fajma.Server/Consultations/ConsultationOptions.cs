namespace Fajma.Server.Consultations;

/// <summary>Configuration section <c>Consultations</c>.</summary>
public sealed class ConsultationOptions
{
    public const string Section = "Consultations";

    /// <summary>How long devices have to answer ACTIVATE_MONITORING before the doctor is told they are not ready.</summary>
    public TimeSpan DeviceReadyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often consultations stuck in a waiting state are checked against their timeouts.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);
}
