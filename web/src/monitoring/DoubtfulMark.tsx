import { useI18n } from '../i18n/useI18n';

/**
 * A reading to take with care, with the reason as its accessible name and tooltip (never an alarm colour, never colour
 * alone): "?" when the device's quality is under the alert rules' bar, a clock when the device's clock is more than 1 s off.
 */
export function DoubtfulMark({ testId, reason = 'quality' }: { testId?: string; reason?: 'quality' | 'clock' }) {
  const { t } = useI18n();
  const label = t(reason === 'clock' ? 'vital.clockDoubtful' : 'vital.doubtful');
  return (
    <span className={`doubtful doubtful--${reason}`} role="img" aria-label={label} title={label} data-testid={testId}>
      {reason === 'clock' ? '⏱' : '?'}
    </span>
  );
}
