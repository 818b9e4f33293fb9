using Fajma.Core.Alerts;

namespace Fajma.Server.Paging;

/// <summary>
/// Page these people (clinicians, or a patient's followers; admins by role) about this alert. <see cref="Title"/> goes only where the channel is trusted with clinical
/// content (a push message, encrypted for the person's own browser); SMS, voice and e-mail carry the severity and a link.
/// <see cref="Acknowledgeable"/>: false for people who only hear of an alert (followers): their push shows no acknowledge button.
/// </summary>
public sealed record PageRequest(Guid AlertId, int Level, AlertSeverity Severity, string Title, IReadOnlyList<int> People, bool Admins, PageReason Reason,
    string? AdminTitle = null, string? OnlyChannel = null, bool Acknowledgeable = true);

public enum PageReason
{
    Raised,
    Escalated,
    /// <summary>Still unacknowledged: a push again, never another SMS or call every two minutes.</summary>
    Reminder,
    /// <summary>"Send test alarm": every channel the person has, whatever their preferences.</summary>
    Test,
}
