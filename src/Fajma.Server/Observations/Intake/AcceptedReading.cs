using Fajma.Core.Messages;
using Fajma.Core.Traffic;

namespace Fajma.Server.Observations.Intake;

/// <summary>
/// A device message Ingestion has parsed and authenticated: the device is known, assigned to <see cref="PatientId"/>,
/// its signature and clock checked, its traffic class decided (<see cref="TrafficClassifier"/>, at its arrival). From here
/// on nothing refuses it; it becomes observations.
/// </summary>
public sealed record AcceptedReading(DeviceReading Reading, int PatientId, string DeviceType, string Transport, DateTimeOffset ReceivedAt,
    TrafficClass Class);
