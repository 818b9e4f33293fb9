namespace Fajma.Server.Devices.Control;

/// <summary>
/// A command to a device as people see it (REST and the hub event <c>deviceCommand</c>). <see cref="Status"/> is lower-case:
/// queued, sent, delivered, successful, failed, timeout, expired. <see cref="PatientId"/> says whose watchers hear of it.
/// </summary>
public sealed record DeviceCommandDto(
    Guid Id,
    string DeviceId,
    int? PatientId,
    string Action,
    DeviceCommandParameters Parameters,
    string Status,
    string? Detail,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    DateTimeOffset ExpiresAt,
    int? RequestedBy);
