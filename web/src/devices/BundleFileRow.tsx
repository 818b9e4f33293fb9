import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/useI18n';
import type { BundleFile } from './bundleFiles';
import { useObjectUrl } from './useObjectUrl';

const DESCRIPTION: Record<BundleFile['name'], MessageKey> = {
  'ca.pem': 'credentials.file.ca',
  'device.pem': 'credentials.file.certificate',
  'device.key': 'credentials.file.key',
  'device.json': 'credentials.file.json',
};

/** One file of the bundle: its pinned name, what it is, and a download link to a Blob object URL. */
export function BundleFileRow({ file, downloaded, onDownload }: { file: BundleFile; downloaded: boolean; onDownload: () => void }) {
  const { t } = useI18n();
  const url = useObjectUrl(file.content, file.type);
  return (
    <li className={`bundle-file${file.secret ? ' bundle-file--secret' : ''}`}>
      <span className="bundle-file__name">{file.name}</span>
      <span className="bundle-file__what">{t(DESCRIPTION[file.name])}</span>
      <span className="bundle-file__done" aria-live="polite">
        {downloaded && (
          <>
            <span aria-hidden="true">✓ </span>
            {t('credentials.downloaded')}
          </>
        )}
      </span>
      {url && (
        <a
          className="button"
          href={url}
          download={file.name}
          data-testid={`download-${file.name}`}
          aria-label={t('credentials.downloadLabel', { name: file.name })}
          onClick={onDownload}
        >
          {t('credentials.download')}
        </a>
      )}
    </li>
  );
}
