/**
 * Heart Rate Measurement (characteristic 0x2A37, Heart Rate Service 1.0), as a strap notifies it:
 * flags, heart rate (uint8 or uint16), energy expended if flagged, then RR intervals to the end, little-endian.
 * The same rules as the server's parser (src/Fajma.Core/Ble/HeartRateMeasurementParser.cs): the bytes come from a
 * radio, so nothing here throws — a value too short for its flags is a named failure; reserved flag bits (5–7) are
 * ignored; bytes after the last flagged field are ignored unless RR intervals are flagged (they run to the end).
 */

export type SensorContact = 'notSupported' | 'notDetected' | 'detected';

export interface HeartRateMeasurement {
  heartRate: number;
  sensorContact: SensorContact;
  /** Kilojoules since the strap's last reset, when flagged (bit 3). */
  energyExpendedKilojoules: number | null;
  /** RR intervals in 1/1024 s, oldest first. */
  rrIntervalTicks: number[];
}

export type HeartRateField = 'flags' | 'heart_rate' | 'energy_expended' | 'rr_intervals';

/** A value the parser refuses: the field that is cut short, and why. */
export interface HeartRateParseError {
  kind: 'malformed';
  field: HeartRateField;
  message: string;
}

export type HeartRateParseResult = { ok: true; value: HeartRateMeasurement } | { ok: false; error: HeartRateParseError };

const HEART_RATE_UINT16 = 0x01;
const CONTACT_DETECTED = 0x02;
const CONTACT_SUPPORTED = 0x04;
const ENERGY_PRESENT = 0x08;
const RR_PRESENT = 0x10;

const fail = (field: HeartRateField, message: string): HeartRateParseResult => ({ ok: false, error: { kind: 'malformed', field, message } });
const short = (format: string, needed: number, left: number, offset: number) =>
  `is cut short: ${format} needs ${needed} bytes from byte ${offset}, but ${left} ${left === 1 ? 'is' : 'are'} left`;

/** Reads a notified value (a DataView from Web Bluetooth, or bytes). */
export function parseHeartRateMeasurement(input: DataView | Uint8Array | ArrayBuffer | readonly number[]): HeartRateParseResult {
  const bytes = toBytes(input);
  if (bytes.length === 0) return fail('flags', 'is missing: the value is empty (at least the flags byte and the heart rate are required)');
  const u16 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8);
  const flags = bytes[0]!;
  let offset = 1;

  let heartRate: number;
  if (flags & HEART_RATE_UINT16) {
    if (bytes.length < offset + 2) return fail('heart_rate', short('a uint16 (flags bit 0 set)', 2, bytes.length - offset, offset));
    heartRate = u16(offset);
    offset += 2;
  } else {
    if (bytes.length < offset + 1) return fail('heart_rate', short('a uint8 (flags bit 0 clear)', 1, 0, offset));
    heartRate = bytes[offset]!;
    offset += 1;
  }

  let energy: number | null = null;
  if (flags & ENERGY_PRESENT) {
    if (bytes.length < offset + 2) return fail('energy_expended', short('a uint16 (flags bit 3 set)', 2, bytes.length - offset, offset));
    energy = u16(offset);
    offset += 2;
  }

  const ticks: number[] = [];
  if (flags & RR_PRESENT) {
    const rest = bytes.length - offset;
    if (rest === 0)
      return fail('rr_intervals', `are flagged present (flags bit 4 set) but the value ends at byte ${offset}; at least one uint16 is required`);
    if (rest % 2 !== 0)
      return fail('rr_intervals', `must be whole uint16 values, but ${rest} bytes follow from byte ${offset} (an odd trailing byte at ${bytes.length - 1})`);
    for (; offset < bytes.length; offset += 2) ticks.push(u16(offset));
  }

  const sensorContact: SensorContact = !(flags & CONTACT_SUPPORTED) ? 'notSupported' : flags & CONTACT_DETECTED ? 'detected' : 'notDetected';
  return { ok: true, value: { heartRate, sensorContact, energyExpendedKilojoules: energy, rrIntervalTicks: ticks } };
}

/** RR intervals in milliseconds (1/1024 s ticks). */
export const rrIntervalsMilliseconds = (m: HeartRateMeasurement): number[] => m.rrIntervalTicks.map((t) => (t * 1000) / 1024);

function toBytes(input: DataView | Uint8Array | ArrayBuffer | readonly number[]): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return Uint8Array.from(input as readonly number[]);
}
