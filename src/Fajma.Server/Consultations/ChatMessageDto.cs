namespace Fajma.Server.Consultations;

/// <summary>One chat message; clients order by <see cref="Sequence"/> and drop one they already hold.</summary>
public sealed record ChatMessageDto(int ConsultationId, long Sequence, Guid ClientMessageId, int SenderId, string SenderRole, string SenderName,
    string Text, DateTimeOffset SentAt);
