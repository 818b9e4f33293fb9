/** A small battery outline filled to `percent`. */
export function BatteryIcon({ percent }: { percent: number | null }) {
  const fill = percent == null ? 0 : Math.max(0, Math.min(100, percent));
  return (
    <svg className="battery-icon" width="18" height="10" viewBox="0 0 18 10" aria-hidden="true">
      <rect x="0.5" y="0.5" width="15" height="9" rx="2" fill="none" stroke="currentColor" />
      <rect x="16" y="3" width="1.5" height="4" rx="0.5" fill="currentColor" />
      <rect x="2" y="2" width={(12 * fill) / 100} height="6" rx="1" fill="currentColor" />
    </svg>
  );
}
