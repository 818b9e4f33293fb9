namespace Fajma.Server.Consultations;

public sealed record IotSyncCompleteEvent(int ConsultationId, IReadOnlyList<DeviceReadinessDto> Devices);
