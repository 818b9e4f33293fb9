namespace Fajma.Server.Monitoring;

/// <summary>A patient's alert limits for one vital sign, as the room draws them and the alert engine uses them.</summary>
public sealed record AlertThresholdDto(int PatientId, string Type, double? Low, double? High, int SetBy, DateTimeOffset SetAt);
