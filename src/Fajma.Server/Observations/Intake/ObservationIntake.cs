using Fajma.Core.Traffic;
using Fajma.Server.Alerts;
using Fajma.Server.Live;
using Fajma.Server.Observations.Commit;
using Fajma.Server.Observations.Seal;
using Fajma.Server.Privacy;

namespace Fajma.Server.Observations.Intake;

/// <summary>
/// An observation's life from an accepted reading to the screens: alert rules first, on their own lane (alerts never
/// wait for the group commit), then sealed with the patient's key, committed, and only then published live. A
/// redelivered or replayed reading moves no rule and is never stored twice.
/// </summary>
public sealed class ObservationIntake(
    GroupCommitWriter writer,
    AlertEngine alerts,
    NoDataWatch silence,
    Alerts.Nudges.PatientNudges nudges,
    ReadingNovelty novelty,
    LiveFeed feed,
    PatientKeys keys,
    DeviceClocks clocks,
    TimeProvider time)
{
    public async Task<ObservationCommit> AcceptAsync(AcceptedReading accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var (reading, patientId, receivedAt) = (accepted.Reading, accepted.PatientId, accepted.ReceivedAt);
        var trafficClass = accepted.Class;
        using var claim = reading.Alert is not null || trafficClass == TrafficClass.VitalSigns
            ? await novelty.ClaimAsync(reading, cancellationToken) : ReadingNovelty.Claim.NotNeeded;
        // The clock first: a reading whose device time is doubtful moves no alert rule (delays and trends need its time).
        var clockBefore = clocks.Current(reading.DeviceId);
        var clock = clocks.Observe(reading.DeviceId, reading.DeviceTime, receivedAt);
        if (reading.Alert is not null)
        {
            if (claim.IsNew) await alerts.RaiseFromDeviceAsync(patientId, reading, receivedAt, cancellationToken);
        }
        else if (claim.IsNew) await alerts.ObserveAsync(patientId, reading, trafficClass, receivedAt, cancellationToken, clock?.Doubtful == true);

        // Sealed here, on the ingesting threads, so the single writer only writes.
        var dataKey = await keys.GetOrCreateAsync(patientId, cancellationToken);
        var result = await writer.WriteAsync(ReadingWrite.Create(reading, patientId, accepted.Transport, receivedAt, dataKey, clock?.Doubtful == true), cancellationToken);
        var committed = new ObservationCommit(result.Duplicate, result.Duplicate ? 0 : result.Observations.Count, trafficClass, time.GetUtcNow());
        if (result.Duplicate) return committed;

        silence.Seen(reading.DeviceId, patientId, accepted.DeviceType, receivedAt); // a replay proves nothing about the device being alive
        nudges.Observe(patientId, reading, trafficClass, receivedAt, clock?.Doubtful == true);
        // A backlog measured long ago is history: stored and charted from there, not pushed as if it were live.
        if (trafficClass != TrafficClass.HistoricalData)
        {
            foreach (var observation in result.Observations)
                feed.Publish(ObservationChannels.Observation, ObservationDto.From(observation, reading.MessageKey, reading.Source));
        }
        // The device panel learns of a clock going wrong (or right) at once, not only with the next status report.
        if (reading.Status is not null || (clock is not null && clock.Doubtful != (clockBefore?.Doubtful ?? false)))
        {
            var status = reading.Status;
            feed.Publish(ObservationChannels.DeviceStatus, new DeviceStatusDto(reading.DeviceId, patientId, status?.BatteryLevel, status?.SignalStrength,
                status?.LastCalibration, receivedAt, clock?.OffsetMilliseconds));
        }
        return committed;
    }
}
