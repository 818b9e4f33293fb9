namespace Fajma.Server.Consultations;

/// <summary>Configuration section <c>Consultations</c>.</summary>
public sealed class ConsultationOptions
{
    public const string Section = "Consultations";

    /// <summary>How long devices have to answer ACTIVATE_MONITORING before the doctor is told they are not ready.</summary>
    public TimeSpan DeviceReadyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often consultations stuck in a waiting state are checked against their timeouts.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a visit is booked for in the invitation (DTEND).</summary>
    public TimeSpan VisitLength { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The web app's address for links in invitations and reminders (e-mails leave without a request to take it from).</summary>
    public Uri PublicUrl { get; set; } = new("http://localhost:5000/");

    /// <summary>How often the reminders due are looked for; a reminder may leave this late.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromSeconds(30);
}
