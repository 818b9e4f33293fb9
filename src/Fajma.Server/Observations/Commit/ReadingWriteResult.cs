using Fajma.Server.Observations.Seal;

namespace Fajma.Server.Observations.Commit;

/// <summary>What the commit did: stored the message's observations (ids assigned), or found it already stored (a redelivery).</summary>
public sealed record ReadingWriteResult(long MessageId, bool Duplicate, IReadOnlyList<PendingObservation> Observations);
