import { useState } from 'react';
import { http } from '../api/client';
import { useI18n } from '../i18n/useI18n';
import { recordFileName, saveFile } from './download';

/**
 * "Download my record (FHIR)": the patient's whole record as the server's FHIR R4 `$everything` Bundle (GDPR
 * Art. 15 access, Art. 20 portability), saved as a JSON file any FHIR system reads. Used on the patient's board
 * and by the privacy page.
 */
export function DownloadRecordButton({ patientId }: { patientId: number }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');

  async function download() {
    setState('busy');
    try {
      const { data, response } = await http.GET('/fhir/R4/Patient/{id}/$everything', { params: { path: { id: patientId } }, parseAs: 'blob' });
      if (!response.ok || !(data instanceof Blob)) throw new Error(`${response.status}`);
      saveFile(data, recordFileName(patientId, new Date()));
      setState('idle');
    } catch {
      setState('failed');
    }
  }

  return (
    <section className="panel" aria-labelledby="record-download-title" data-testid="record-download">
      <h2 className="panel__title" id="record-download-title">{t('records.title')}</h2>
      <p className="panel__intro">{t('records.intro')}</p>
      <button type="button" className="button" onClick={() => void download()} disabled={state === 'busy'} data-testid="record-download-button">
        {state === 'busy' ? t('records.downloading') : t('records.download')}
      </button>
      {state === 'failed' && <p role="alert">{t('records.failed')}</p>}
    </section>
  );
}
