import { describe, expect, it } from 'vitest';
import { recordFileName } from './download';

describe('recordFileName', () => {
  it('names the patient and the UTC day, as a FHIR JSON file', () => {
    expect(recordFileName(7, new Date('2026-12-03T23:30:00Z'))).toBe('fajma-record-7-2026-12-03.fhir.json');
  });
});
