using Fajma.Server.Storage;

namespace Fajma.Server.Monitoring;

/// <summary>An observation row as read from the store, values still sealed, with its message's id.</summary>
public sealed record StoredObservation(Observation Row, string MessageKey);
