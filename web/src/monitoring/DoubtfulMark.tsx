import { useI18n } from '../i18n/useI18n';

/**
 * A reading whose device quality is under the alert rules' bar: a "?" beside the muted value, with
 * the reason as its accessible name and tooltip (never an alarm colour, never colour alone).
 */
export function DoubtfulMark({ testId }: { testId?: string }) {
  const { t } = useI18n();
  const label = t('vital.doubtful');
  return (
    <span className="doubtful" role="img" aria-label={label} title={label} data-testid={testId}>
      ?
    </span>
  );
}
