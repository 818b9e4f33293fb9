using System.Buffers.Binary;
using Fajma.Core.Messages;

namespace Fajma.Core.Ble;

/// <summary>
/// Reads a Heart Rate Measurement value (characteristic 0x2A37, Heart Rate Service 1.0) as the phone relays it from the strap:
/// flags, heart rate (uint8 or uint16), energy expended if flagged, then RR intervals to the end, all little-endian.
/// The bytes come from a radio and a phone we do not control, so nothing here throws: a value too short for its flags
/// is refused as <see cref="RejectionReason.Malformed"/> with the field that is cut short. Reserved flag bits are ignored,
/// as the specification asks, so that a newer strap still reads.
/// </summary>
public static class HeartRateMeasurementParser
{
    public const string FlagsField = "flags";
    public const string HeartRateField = "heart_rate";
    public const string EnergyExpendedField = "energy_expended";
    public const string RrIntervalsField = "rr_intervals";

    public static ParseResult<HeartRateMeasurement> Parse(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty) return Fail(FlagsField, "is missing: the value is empty (at least the flags byte and the heart rate are required)");

        var flags = (HeartRateMeasurementFlags)value[0];
        var offset = 1;

        int heartRate;
        if (flags.HasFlag(HeartRateMeasurementFlags.HeartRateIsUInt16))
        {
            if (value.Length < offset + 2) return Fail(HeartRateField, Short("a uint16 (flags bit 0 set)", 2, value.Length - offset, offset));
            heartRate = BinaryPrimitives.ReadUInt16LittleEndian(value[offset..]);
            offset += 2;
        }
        else
        {
            if (value.Length < offset + 1) return Fail(HeartRateField, Short("a uint8 (flags bit 0 clear)", 1, 0, offset));
            heartRate = value[offset];
            offset += 1;
        }

        int? energy = null;
        if (flags.HasFlag(HeartRateMeasurementFlags.EnergyExpendedPresent))
        {
            if (value.Length < offset + 2) return Fail(EnergyExpendedField, Short("a uint16 (flags bit 3 set)", 2, value.Length - offset, offset));
            energy = BinaryPrimitives.ReadUInt16LittleEndian(value[offset..]);
            offset += 2;
        }

        var ticks = new List<int>();
        if (flags.HasFlag(HeartRateMeasurementFlags.RrIntervalsPresent))
        {
            var rest = value.Length - offset;
            if (rest == 0) return Fail(RrIntervalsField, $"are flagged present (flags bit 4 set) but the value ends at byte {offset}; at least one uint16 is required");
            if (rest % 2 != 0)
                return Fail(RrIntervalsField, $"must be whole uint16 values, but {rest} bytes follow from byte {offset} (an odd trailing byte at {value.Length - 1})");
            for (; offset < value.Length; offset += 2) ticks.Add(BinaryPrimitives.ReadUInt16LittleEndian(value[offset..]));
        }
        // Bytes after the last flagged field without bit 4 are not interpreted: a later revision may append fields there,
        // just as it may use the reserved flag bits.

        return ParseResult<HeartRateMeasurement>.Ok(new HeartRateMeasurement(heartRate, ContactOf(flags), energy, ticks));
    }

    private static HeartRateSensorContact ContactOf(HeartRateMeasurementFlags flags) =>
        !flags.HasFlag(HeartRateMeasurementFlags.ContactSupported) ? HeartRateSensorContact.NotSupported
        : flags.HasFlag(HeartRateMeasurementFlags.ContactDetected) ? HeartRateSensorContact.Detected
        : HeartRateSensorContact.NotDetected;

    private static string Short(string format, int needed, int left, int offset) =>
        $"is cut short: {format} needs {needed} bytes from byte {offset}, but {left} {(left == 1 ? "is" : "are")} left";

    private static ParseResult<HeartRateMeasurement> Fail(string field, string message) =>
        ParseResult<HeartRateMeasurement>.Fail(MessageRejection.Malformed(field, message));
}
