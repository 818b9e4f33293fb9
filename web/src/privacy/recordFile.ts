/** The file a patient's record is saved as: their id and the day, so two downloads do not overwrite each other unseen. */
export function recordFileName(patientId: number, at: Date, extension: 'fhir.json' | 'html'): string {
  return `fajma-record-${patientId}-${at.toISOString().slice(0, 10)}.${extension}`;
}
