import { useI18n } from '../i18n/useI18n';

export interface NoticeMessage {
  tone: 'ok' | 'error';
  text: string;
}

/** A one-line outcome above the list (device revoked, action failed), until dismissed. */
export function Notice({ notice, onDismiss }: { notice: NoticeMessage; onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <div className={`notice notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'} data-testid="devices-notice">
      <span>{notice.text}</span>
      <button type="button" className="button button--quiet" onClick={onDismiss}>
        {t('devices.dismiss')}
      </button>
    </div>
  );
}
