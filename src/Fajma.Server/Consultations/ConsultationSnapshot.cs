namespace Fajma.Server.Consultations;

/// <summary>What a client needs on (re)joining the room: the consultation, where the chat is, the devices, who is here.</summary>
public sealed record ConsultationSnapshot(ConsultationDto Consultation, long LastChatSequence, IReadOnlyList<DeviceReadinessDto> Devices,
    IReadOnlyList<ParticipantDto> Participants);
