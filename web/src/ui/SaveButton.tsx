/** A small form's submit button: its label, or the busy one while saving. */
export function SaveButton({ busy, disabled, label, busyLabel, testId }: { busy: boolean; disabled?: boolean; label: string; busyLabel: string; testId?: string }) {
  return (
    <button type="submit" className="button button--small" disabled={disabled ?? busy} data-testid={testId}>
      {busy ? busyLabel : label}
    </button>
  );
}

/** "Saved" (or another word) beside the button once done, announced politely. */
export function SavedNote({ show, children }: { show: boolean; children: string }) {
  if (!show) return null;
  return (
    <span className="limits__saved" role="status">
      {children}
    </span>
  );
}
