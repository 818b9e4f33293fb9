using Fajma.Core.Consultations;

namespace Fajma.Server.Storage;

/// <summary>One state change of a consultation: who asked, when, from what to what, and why (for failures).</summary>
public sealed class ConsultationEvent
{
    public long Id { get; set; }

    public int ConsultationId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The user who asked; null for the server (timeouts, completion).</summary>
    public int? ActorId { get; set; }

    public ConsultationRole ActorRole { get; set; }

    public ConsultationTrigger Trigger { get; set; }

    public ConsultationState From { get; set; }

    public ConsultationState To { get; set; }

    public string? Reason { get; set; }
}
