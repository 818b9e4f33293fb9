using System.Buffers.Binary;

namespace Fajma.Core.Ble;

/// <summary>
/// Writes a <see cref="HeartRateMeasurement"/> as a strap would (characteristic 0x2A37), for property tests and the web app's
/// fake strap: the heart rate as a uint8 when it fits, else a uint16; reserved flag bits zero; a
/// <see cref="HeartRateSensorContact.NotSupported"/> status as bits 0b00. <see cref="HeartRateMeasurementParser.Parse"/> of the
/// result equals the measurement. No ATT MTU limit is applied: fitting the RR intervals into one notification is the sender's
/// concern.
/// </summary>
public static class HeartRateMeasurementWriter
{
    public static byte[] Encode(HeartRateMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        // Out-of-range values are the caller's bug, not input from a device, so they throw rather than being clamped.
        ArgumentOutOfRangeException.ThrowIfNegative(measurement.HeartRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(measurement.HeartRate, ushort.MaxValue);
        if (measurement.EnergyExpendedKilojoules is { } energyValue)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(energyValue);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(energyValue, ushort.MaxValue);
        }
        foreach (var tick in measurement.RrIntervalTicks)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(tick);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(tick, ushort.MaxValue);
        }

        var flags = HeartRateMeasurementFlags.None;
        var wide = measurement.HeartRate > byte.MaxValue;
        if (wide) flags |= HeartRateMeasurementFlags.HeartRateIsUInt16;
        flags |= measurement.SensorContact switch
        {
            HeartRateSensorContact.Detected => HeartRateMeasurementFlags.ContactSupported | HeartRateMeasurementFlags.ContactDetected,
            HeartRateSensorContact.NotDetected => HeartRateMeasurementFlags.ContactSupported,
            _ => HeartRateMeasurementFlags.None,
        };
        if (measurement.EnergyExpendedKilojoules is not null) flags |= HeartRateMeasurementFlags.EnergyExpendedPresent;
        if (measurement.RrIntervalTicks.Count > 0) flags |= HeartRateMeasurementFlags.RrIntervalsPresent;

        var bytes = new byte[1 + (wide ? 2 : 1) + (measurement.EnergyExpendedKilojoules is null ? 0 : 2) + (2 * measurement.RrIntervalTicks.Count)];
        bytes[0] = (byte)flags;
        var offset = 1;
        if (wide)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), (ushort)measurement.HeartRate);
            offset += 2;
        }
        else
        {
            bytes[offset++] = (byte)measurement.HeartRate;
        }
        if (measurement.EnergyExpendedKilojoules is { } energy)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), (ushort)energy);
            offset += 2;
        }
        foreach (var tick in measurement.RrIntervalTicks)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), (ushort)tick);
            offset += 2;
        }
        return bytes;
    }
}
