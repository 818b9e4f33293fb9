using Fajma.Server.Devices;
using Fajma.Server.Observations;

namespace Fajma.Server.Monitoring;

/// <summary>A patient on the board: who, their devices, and the latest observation of each vital sign.</summary>
public sealed record PatientDto(
    int Id,
    string DisplayName,
    DateOnly DateOfBirth,
    IReadOnlyList<DeviceDto> Devices,
    IReadOnlyList<ObservationDto> Latest);
