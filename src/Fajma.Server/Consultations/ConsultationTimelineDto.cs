using Fajma.Server.Observations;

namespace Fajma.Server.Consultations;

/// <summary>Everything of a consultation in time order, for the replay: state changes, chat, and the vitals measured and alerts raised during the call.</summary>
public sealed record ConsultationTimelineDto(ConsultationDto Consultation, IReadOnlyList<StateChangedEvent> Transitions,
    IReadOnlyList<ChatMessageDto> Chat, IReadOnlyList<ObservationDto> Observations, IReadOnlyList<Alerts.AlertDto> Alerts);
