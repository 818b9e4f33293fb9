import { describe, expect, test } from 'vitest';
import { parseHeartRateMeasurement, rrIntervalsMilliseconds, type HeartRateMeasurement, type HeartRateParseError } from './heartRate';

// The byte vectors of the server's tests (tests/Fajma.Core.Tests/HeartRateMeasurementParserTests.cs), HRS 1.0 cases.
function parsed(...bytes: number[]): HeartRateMeasurement {
  const result = parseHeartRateMeasurement(bytes);
  if (!result.ok) throw new Error(`refused: ${result.error.field} ${result.error.message}`);
  return result.value;
}

function refused(...bytes: number[]): HeartRateParseError {
  const result = parseHeartRateMeasurement(bytes);
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('parsed');
  expect(result.error.kind).toBe('malformed');
  return result.error;
}

describe('Heart Rate Measurement 0x2A37', () => {
  test('a uint8 heart rate with no other fields is read alone', () => {
    expect(parsed(0x00, 0x48)).toEqual({ heartRate: 72, sensorContact: 'notSupported', energyExpendedKilojoules: null, rrIntervalTicks: [] });
  });

  test('a uint16 heart rate is little-endian', () => {
    expect(parsed(0x01, 0x2c, 0x01).heartRate).toBe(300);
    expect(parsed(0x01, 0x48, 0x00).heartRate).toBe(72);
  });

  test.each([
    [0b000, 'notSupported'],
    [0b010, 'notSupported'],
    [0b100, 'notDetected'],
    [0b110, 'detected'],
  ] as const)('sensor contact from flags %i is %s', (flags, contact) => {
    expect(parsed(flags, 0x48).sensorContact).toBe(contact);
  });

  test('energy expended follows the heart rate in kilojoules', () => {
    expect(parsed(0x08, 0x48, 0x34, 0x12).energyExpendedKilojoules).toBe(0x1234);
    expect(parsed(0x09, 0x2c, 0x01, 0xff, 0xff).energyExpendedKilojoules).toBe(0xffff);
    expect(parsed(0x00, 0x48).energyExpendedKilojoules).toBeNull();
  });

  test('one RR interval is kept in ticks and given in milliseconds', () => {
    const m = parsed(0x10, 0x48, 0x00, 0x04);
    expect(m.rrIntervalTicks).toEqual([1024]);
    expect(rrIntervalsMilliseconds(m)).toEqual([1000]);
  });

  test('several RR intervals fill the rest of the value, oldest first', () => {
    const m = parsed(0x10, 0x3c, 0x00, 0x04, 0x00, 0x02, 0x00, 0x03);
    expect(m.rrIntervalTicks).toEqual([1024, 512, 768]);
    expect(rrIntervalsMilliseconds(m)).toEqual([1000, 500, 750]);
  });

  test('all fields together are read in order', () => {
    const m = parsed(0x1f, 0x2c, 0x01, 0x10, 0x27, 0x00, 0x04, 0x33, 0x03);
    expect(m).toEqual({ heartRate: 300, sensorContact: 'detected', energyExpendedKilojoules: 10_000, rrIntervalTicks: [1024, 819] });
    expect(rrIntervalsMilliseconds(m)).toEqual([1000, 799.8046875]);
  });

  test('reserved flag bits are ignored', () => {
    expect(parsed(0xfe, 0x48, 0x10, 0x27, 0x00, 0x04)).toEqual(parsed(0x1e, 0x48, 0x10, 0x27, 0x00, 0x04));
    expect(parsed(0xe0, 0x48)).toEqual(parsed(0x00, 0x48));
  });

  test('a heart rate of zero is reported as zero, not refused', () => {
    expect(parsed(0x06, 0x00).heartRate).toBe(0);
  });

  test('bytes after the last flagged field are ignored when no RR intervals are flagged', () => {
    expect(parsed(0x00, 0x48, 0x99)).toEqual(parsed(0x00, 0x48));
  });

  test('a DataView over part of a buffer is read from its offset', () => {
    const buffer = new Uint8Array([0xaa, 0xaa, 0x10, 0x48, 0x00, 0x04, 0xbb]).buffer;
    expect(parseHeartRateMeasurement(new DataView(buffer, 2, 4))).toEqual({
      ok: true,
      value: { heartRate: 72, sensorContact: 'notSupported', energyExpendedKilojoules: null, rrIntervalTicks: [1024] },
    });
  });

  test('an empty value is refused naming the flags', () => {
    const error = refused();
    expect(error.field).toBe('flags');
    expect(error.message).toContain('empty');
  });

  test('a missing heart rate is refused naming it', () => {
    expect(refused(0x00).field).toBe('heart_rate');
    expect(refused(0x01).field).toBe('heart_rate');
  });

  test('a truncated uint16 heart rate is refused naming it', () => {
    const error = refused(0x01, 0x48);
    expect(error.field).toBe('heart_rate');
    expect(error.message).toContain('uint16');
    expect(error.message).toContain('1 is left');
  });

  test('a truncated energy expended is refused naming it', () => {
    expect(refused(0x08, 0x48, 0x34).field).toBe('energy_expended');
    expect(refused(0x09, 0x2c, 0x01).field).toBe('energy_expended');
  });

  test('an odd trailing RR byte is refused naming the RR intervals', () => {
    const error = refused(0x10, 0x48, 0x00, 0x04, 0x01);
    expect(error.field).toBe('rr_intervals');
    expect(error.message).toContain('odd trailing byte');
  });

  test('RR intervals flagged but absent are refused naming them', () => {
    expect(refused(0x18, 0x48, 0x34, 0x12).field).toBe('rr_intervals');
  });

  test('any bytes give a result or a named failure, never a throw', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let i = 0; i < 2000; i++) {
      const bytes = Array.from({ length: next() % 12 }, next);
      const result = parseHeartRateMeasurement(bytes);
      if (!result.ok) expect(['flags', 'heart_rate', 'energy_expended', 'rr_intervals']).toContain(result.error.field);
    }
  });
});
