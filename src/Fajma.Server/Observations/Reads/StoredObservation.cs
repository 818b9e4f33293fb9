using Fajma.Server.Storage;

namespace Fajma.Server.Observations.Reads;

/// <summary>An observation row as read from the store, values still sealed, with its message's id.</summary>
internal sealed record StoredObservation(Observation Row, string MessageKey, string? Source);
