using Fajma.Core.Crypto;

namespace Fajma.Server.Storage;

/// <summary>An observation on its way to the store: the row as stored (values sealed) and the values in clear for the live feed.</summary>
public sealed record PendingObservation(Observation Row, SealedValues Values);
