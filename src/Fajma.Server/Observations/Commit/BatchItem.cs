using Fajma.Server.Observations.Seal;
using Fajma.Server.Storage;

namespace Fajma.Server.Observations.Commit;

/// <summary>One write of a group commit: an accepted reading or a dead letter.</summary>
internal readonly record struct BatchItem(ReadingWrite? Reading, DeadLetter? DeadLetter);
