namespace Fajma.Server.Paging.Deliveries;

/// <summary>One page and its receipts, as the alert's timeline shows it.</summary>
public sealed record PageDeliveryDto(Guid Id, Guid AlertId, int UserId, string? UserName, string Channel, string? Target, int Level, string Status,
    string? Detail, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt,
    DateTimeOffset? AcknowledgedAt, DateTimeOffset? FailedAt);
