namespace Fajma.Server.Storage;

/// <summary>One write of a group commit: an accepted reading or a dead letter.</summary>
internal readonly record struct BatchItem(ReadingWrite? Reading, DeadLetter? DeadLetter);
