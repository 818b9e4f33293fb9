/** "mm:ss" (or "h:mm:ss") from the start. */
export function offsetLabel(offsetMs: number): string {
  const s = Math.max(0, Math.floor(offsetMs / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
