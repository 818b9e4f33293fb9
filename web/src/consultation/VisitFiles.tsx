import { useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/en';
import { consultationApi, saveFile } from './api';

/** A button that downloads one of the visit's documents (they need the session's token, so not a plain link). */
function DownloadButton({ label, testId, fetchFile, name }: { label: MessageKey; testId: string; fetchFile: () => Promise<Blob>; name: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      saveFile(await fetchFile(), name);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button" disabled={busy} onClick={() => void download()} data-testid={testId}>
        {t(label)}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {t('report.failed', { error })}
        </span>
      )}
    </>
  );
}

/** The visit report (note, vitals and alerts of the call), as a printable page in the reader's language. */
export function ReportButton({ id, label = 'report.download' }: { id: number; label?: MessageKey }) {
  const { lang } = useI18n();
  return <DownloadButton label={label} testId="download-report" fetchFile={() => consultationApi.report(id, lang)} name={`consultation-${id}-report.html`} />;
}

/** The calendar invitation (.ics) for the visit. */
export function InvitationButton({ id }: { id: number }) {
  const { lang } = useI18n();
  return <DownloadButton label="consultations.invitation" testId="download-invitation" fetchFile={() => consultationApi.invitation(id, lang)} name={`consultation-${id}.ics`} />;
}
