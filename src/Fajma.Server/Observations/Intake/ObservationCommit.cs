using Fajma.Core.Traffic;

namespace Fajma.Server.Observations.Intake;

/// <summary>
/// What became of an accepted reading: committed (or found already stored: <see cref="Duplicate"/>) at
/// <see cref="CommittedAt"/>, with its traffic class, which says whether it was pushed live or is history.
/// </summary>
public sealed record ObservationCommit(bool Duplicate, int Observations, TrafficClass Class, DateTimeOffset CommittedAt);
