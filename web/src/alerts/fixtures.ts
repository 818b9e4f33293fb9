import type { AlertDto } from './types';

/** A heart-rate alert as the server sends it; override what a test cares about. */
export function alert(over: Partial<AlertDto> = {}): AlertDto {
  return {
    id: '0190a0a0-0000-7000-8000-000000000001',
    patientId: 1,
    kind: 'threshold',
    rule: 'heart_rate:high',
    severity: 'critical',
    status: 'raised',
    event: 'raised',
    title: 'Heart rate above 120 bpm: 134 bpm',
    vitalType: 'heart_rate',
    limit: 120,
    value: 134,
    unit: 'bpm',
    detail: null,
    confidence: null,
    measurements: null,
    deviceId: 'ESP32-0001',
    raisedAt: '2026-11-24T10:00:00.000Z',
    lastSeenAt: '2026-11-24T10:00:00.000Z',
    occurrences: 2,
    acknowledgedBy: null,
    acknowledgedByName: null,
    acknowledgedAt: null,
    resolvedBy: null,
    resolvedByName: null,
    resolvedAt: null,
    resolutionNote: null,
    escalationLevel: 0,
    paged: [2],
    adminsPaged: false,
    ...over,
  };
}
