/** The file a patient's FHIR record is saved as: their id and the day, so two downloads do not overwrite each other unseen. */
export function recordFileName(patientId: number, at: Date): string {
  return `fajma-record-${patientId}-${at.toISOString().slice(0, 10)}.fhir.json`;
}

/** Saves a blob through a temporary link (the browser's own download, no new tab). */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has handed the blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
