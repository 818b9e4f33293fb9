using Fajma.Core.Messages;

namespace Fajma.Server.Storage;

/// <summary>An accepted device message on its way to the store: the reading, whose it is, and how it came.</summary>
public sealed record ReadingWrite(DeviceReading Reading, int PatientId, string Transport, DateTimeOffset ReceivedAt);
