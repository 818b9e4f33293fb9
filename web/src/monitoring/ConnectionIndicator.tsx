import { useI18n } from '../i18n/useI18n';
import { useConnectionStatus } from '../live/LiveContext';

/** Calm indicator of the live connection: Live / Reconnecting… / Offline. */
export function ConnectionIndicator() {
  const { t } = useI18n();
  const status = useConnectionStatus();
  return (
    <span className={`conn conn--${status}`} data-testid="connection-status" data-status={status} title={t('conn.title')} role="status">
      <span className="conn__dot" aria-hidden="true" />
      {t(`conn.${status}`)}
    </span>
  );
}
