using Fajma.Core.Messages;

namespace Fajma.Server.Observations.Seal;

/// <summary>
/// An accepted device message on its way to the store: the reading, whose it is, how it came, and its
/// observation rows already sealed (encryption runs on the ingesting threads, not on the single writer).
/// </summary>
public sealed record ReadingWrite(DeviceReading Reading, int PatientId, string Transport, DateTimeOffset ReceivedAt, IReadOnlyList<PendingObservation> Observations)
{
    /// <param name="clockDoubtful">The device's clock was estimated beyond the tolerance when this message came (see <see cref="ClockSources"/>).</param>
    public static ReadingWrite Create(DeviceReading reading, int patientId, string transport, DateTimeOffset receivedAt, ReadOnlySpan<byte> dataKey,
        bool clockDoubtful = false) =>
        new(reading, patientId, transport, receivedAt, ObservationRows.For(reading, patientId, receivedAt, dataKey, clockDoubtful));
}
