using Fajma.Core.Consultations;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Consultations;

/// <summary>
/// Consent to recording, asked by the doctor and answered by the patient in their room (<see cref="RecordingConsentGate"/>):
/// stored on the consultation, audited, told to the room; a withdrawal during a recording stops it through the lifecycle.
/// </summary>
public sealed class ConsultationConsent(FajmaDbContext db, ConsultationLifecycle lifecycle, AuditLog audit, IHubContext<ConsultationHub> hub, TimeProvider time)
{
    /// <exception cref="ConsultationRefusedException">Not the doctor, or the call is not live.</exception>
    public Task AskAsync(Consultation consultation, ConsultationRole by, int actorId, CancellationToken cancellationToken) =>
        ChangeAsync(consultation, RecordingConsentGate.Ask(consultation.State, consultation.RecordingConsent, by), by, actorId, cancellationToken);

    /// <exception cref="ConsultationRefusedException">Not the patient, or the consultation is over.</exception>
    public Task AnswerAsync(Consultation consultation, ConsultationRole by, int actorId, bool allow, CancellationToken cancellationToken) =>
        ChangeAsync(consultation, RecordingConsentGate.Answer(consultation.State, consultation.RecordingConsent, by, allow), by, actorId, cancellationToken);

    private async Task ChangeAsync(Consultation consultation, ConsentOutcome outcome, ConsultationRole by, int actorId, CancellationToken cancellationToken)
    {
        if (!outcome.Applied) throw new ConsultationRefusedException(outcome.Refusal!);
        var before = consultation.RecordingConsent;
        consultation.RecordingConsent = outcome.Consent;
        await db.SaveChangesAsync(cancellationToken);
        var consent = ConsultationStateMachine.Name(outcome.Consent);
        await audit.RecordAsync(new AuditRecord(AuditActions.ConsultationRecordingConsent, actorId, by.ToString().ToLowerInvariant(), consultation.PatientId,
            $"consultation:{consultation.Id}", null, $"{ConsultationStateMachine.Name(before)} → {consent}"), cancellationToken);
        await hub.Clients.Group(ConsultationEvents.Group(consultation.Id))
            .SendAsync(ConsultationEvents.RecordingConsentChanged, new RecordingConsentEvent(consultation.Id, consent, time.GetUtcNow()), cancellationToken);
        // The recording stops the moment consent is taken back: nothing more is recorded without it.
        if (outcome.Forces is { } forced)
            await lifecycle.ApplyAsync(consultation, forced, by, actorId, "the patient withdrew consent to recording", cancellationToken);
    }
}
