using Fajma.Core.Consultations;
using Fajma.Server.Privacy;
using Fajma.Server.Storage;
using Microsoft.AspNetCore.SignalR;

namespace Fajma.Server.Consultations;

/// <summary>
/// Every state change goes through here: checked against the Core graph, stored with who and when in
/// the same commit as the new state, audited, then told to the consultation's room.
/// </summary>
public sealed class ConsultationLifecycle(FajmaDbContext db, AuditLog audit, IHubContext<ConsultationHub> hub, TimeProvider time)
{
    /// <exception cref="ConsultationRefusedException">The graph does not allow it; nothing changed.</exception>
    public async Task<StateChangedEvent> ApplyAsync(Consultation consultation, ConsultationTrigger trigger, ConsultationRole by, int? actorId,
        string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consultation);
        var outcome = ConsultationStateMachine.Apply(consultation.State, trigger, by, reason, consultation.RecordingConsent);
        if (!outcome.Applied) throw new ConsultationRefusedException(outcome.Refusal!);

        var now = time.GetUtcNow();
        var from = consultation.State;
        consultation.State = outcome.State;
        consultation.StateChangedAt = now;
        if (trigger == ConsultationTrigger.Begin) consultation.StartedAt ??= now;
        if (ConsultationStateMachine.IsFinal(outcome.State) || outcome.State == ConsultationState.Ending) consultation.EndedAt ??= now;
        if (outcome.State == ConsultationState.Failed) consultation.FailureReason = reason;
        db.ConsultationEvents.Add(new ConsultationEvent
        {
            ConsultationId = consultation.Id, At = now, ActorId = actorId, ActorRole = by, Trigger = trigger, From = from, To = outcome.State, Reason = reason,
        });
        await db.SaveChangesAsync(cancellationToken);

        var changed = new StateChangedEvent(consultation.Id, ConsultationStateMachine.Name(from), ConsultationStateMachine.Name(outcome.State),
            ConsultationStateMachine.Name(trigger), by.ToString().ToLowerInvariant(), now, reason);
        await audit.RecordAsync(new AuditRecord(AuditActions.ConsultationChanged, actorId, by.ToString().ToLowerInvariant(), consultation.PatientId,
            $"consultation:{consultation.Id}", null, $"{changed.From} → {changed.To} ({changed.Trigger})"), cancellationToken);
        await hub.Clients.Group(ConsultationEvents.Group(consultation.Id)).SendAsync(ConsultationEvents.StateChanged, changed, cancellationToken);
        return changed;
    }
}
