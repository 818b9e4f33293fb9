namespace Fajma.Core.Consultations;

/// <summary>The consent after a request or an answer, the move it forces (a withdrawal stops a recording), or why it is refused.</summary>
public sealed record ConsentOutcome(RecordingConsent Consent, ConsultationTrigger? Forces, string? Refusal)
{
    public bool Applied => Refusal is null;
}
