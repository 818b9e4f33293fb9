namespace Fajma.Server.Consultations;

/// <summary>What a client needs on (re)joining the room: the consultation, where the chat is, the devices, who is here, the patient's alert limits.</summary>
public sealed record ConsultationSnapshot(ConsultationDto Consultation, long LastChatSequence, IReadOnlyList<DeviceReadinessDto> Devices,
    IReadOnlyList<ParticipantDto> Participants, IReadOnlyList<Monitoring.AlertThresholdDto> Thresholds);
