using Fajma.Core.Vitals;

namespace Fajma.Server.Storage;

/// <summary>Turns an accepted reading into its observation rows: catalogue code and unit, and whose clock the time is.</summary>
internal static class ObservationRows
{
    public static List<Observation> For(ReadingWrite write, long messageId)
    {
        var reading = write.Reading;
        var rows = new List<Observation>(reading.Measurements.Count);
        foreach (var m in reading.Measurements)
        {
            var definition = VitalSigns.Get(m.Type);
            // A measurement's own time, else the message's device time; an uptime-only device gets the server's receive time.
            var measuredAt = m.MeasuredAt ?? reading.DeviceTime;
            rows.Add(new Observation
            {
                MessageId = messageId,
                PatientId = write.PatientId,
                DeviceId = reading.DeviceId,
                Type = definition.WireName,
                Loinc = definition.Loinc,
                Value = m.Value,
                Diastolic = m.Diastolic,
                Unit = definition.DisplayUnit,
                Quality = m.Quality,
                MeasuredAt = measuredAt ?? write.ReceivedAt,
                ReceivedAt = write.ReceivedAt,
                ClockSource = measuredAt is null ? "server" : "device",
            });
        }
        return rows;
    }
}
