using Fajma.Core.Crypto;
using Fajma.Core.Messages;
using Fajma.Core.Vitals;
using Fajma.Server.Storage;

namespace Fajma.Server.Observations.Seal;

/// <summary>Turns an accepted reading into its observation rows: catalogue code and unit, whose clock the time is, values sealed.</summary>
internal static class ObservationRows
{
    public static List<PendingObservation> For(DeviceReading reading, int patientId, DateTimeOffset receivedAt, ReadOnlySpan<byte> dataKey, bool clockDoubtful)
    {
        var rows = new List<PendingObservation>(reading.Measurements.Count);
        using var cipher = FieldCipher.Create(dataKey); // one key set-up for the message's values, not one per value
        foreach (var m in reading.Measurements)
        {
            var definition = VitalSigns.Get(m.Type);
            // A measurement's own time, else the message's device time; an uptime-only device gets the server's receive time.
            var deviceClock = m.MeasuredAt ?? reading.DeviceTime;
            var measuredAt = deviceClock ?? receivedAt;
            var values = new SealedValues(m.Value, m.Diastolic, m.Quality);
            var identity = new ObservationIdentity(patientId, reading.DeviceId, definition.WireName, measuredAt.ToUnixTimeMilliseconds());
            rows.Add(new PendingObservation(new Observation
            {
                PatientId = patientId,
                DeviceId = reading.DeviceId,
                Type = definition.WireName,
                Loinc = definition.Loinc,
                Unit = definition.DisplayUnit,
                Sealed = ObservationSeal.Seal(cipher, identity, values),
                MeasuredAt = measuredAt,
                ReceivedAt = receivedAt,
                ClockSource = deviceClock is null ? ClockSources.Server : clockDoubtful ? ClockSources.DeviceDoubtful : ClockSources.Device,
            }, values));
        }
        return rows;
    }
}
