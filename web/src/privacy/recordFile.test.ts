import { describe, expect, it } from 'vitest';
import { recordFileName } from './recordFile';

describe('recordFileName', () => {
  it('names the patient and the UTC day, so two downloads do not overwrite each other unseen', () => {
    expect(recordFileName(7, new Date('2026-12-03T23:30:00Z'), 'fhir.json')).toBe('fajma-record-7-2026-12-03.fhir.json');
    expect(recordFileName(7, new Date('2026-12-04T00:30:00+02:00'), 'html')).toBe('fajma-record-7-2026-12-03.html');
  });
});
