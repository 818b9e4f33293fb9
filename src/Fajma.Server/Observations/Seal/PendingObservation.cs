using Fajma.Core.Crypto;
using Fajma.Server.Storage;

namespace Fajma.Server.Observations.Seal;

/// <summary>An observation on its way to the store: the row as stored (values sealed) and the values in clear for the live feed.</summary>
public sealed record PendingObservation(Observation Row, SealedValues Values);
