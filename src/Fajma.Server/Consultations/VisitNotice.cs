namespace Fajma.Server.Consultations;

/// <summary>Why an invitation e-mail leaves.</summary>
public enum VisitNotice
{
    Scheduled,
    Moved,
    Cancelled,
}
