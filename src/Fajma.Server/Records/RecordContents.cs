using Fajma.Server.Alerts;
using Fajma.Server.Consultations;
using Fajma.Server.Observations;

namespace Fajma.Server.Records;

/// <summary>Everything the readable record shows, read and unsealed before it is drawn.</summary>
public sealed record RecordContents(string Name, DateOnly DateOfBirth, DateTimeOffset Since, IReadOnlyList<string> CareTeam, IReadOnlyList<string> Devices,
    IReadOnlyList<ObservationDto> Readings, bool Truncated, IReadOnlyList<AlertDto> Alerts, IReadOnlyList<ConsultationDto> Consultations, int RetentionYears);
