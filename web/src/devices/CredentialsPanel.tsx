import { useEffect, useMemo, useRef, useState } from 'react';
import type { DeviceBundleDto } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { bundleFiles } from './bundleFiles';
import { BundleFileRow } from './BundleFileRow';
import { deviceTypeKey } from './deviceStatus';

export interface IssuedCredentials {
  bundle: DeviceBundleDto;
  reason: 'provisioned' | 'rotated';
}

/**
 * The one-time view of a device's new credentials: says plainly that the key and secret are shown
 * only once, offers ca.pem, device.pem, device.key and device.json for download. Closing it drops
 * the bundle (the parent forgets it) and revokes the object URLs.
 */
export function CredentialsPanel({ issued, patientName, onClose }: { issued: IssuedCredentials; patientName: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const { bundle, reason } = issued;
  const files = useMemo(() => bundleFiles(bundle), [bundle]);
  const [downloaded, setDownloaded] = useState<ReadonlySet<string>>(new Set());
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'nearest' });
  }, [bundle]);

  // Leaving the page would lose the secrets: let the browser ask first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const device = bundle.device;
  return (
    <section className="panel credentials" aria-labelledby="credentials-title" data-testid="credentials-panel" data-device-id={device.id}>
      <div className="credentials__kicker">{reason === 'rotated' ? t('credentials.rotated') : t('credentials.provisioned')}</div>
      <h2 id="credentials-title" className="panel__title credentials__title" tabIndex={-1} ref={heading}>
        {device.id}
      </h2>
      <p className="credentials__once" role="note" data-testid="credentials-once">
        <strong>{t('credentials.onceLead')}</strong> {t('credentials.onceBody')}
      </p>
      {reason === 'rotated' && <p className="panel__intro">{t('credentials.rotatedNote')}</p>}
      <dl className="credentials__facts">
        <div>
          <dt>{t('credentials.patient')}</dt>
          <dd>{device.patientId != null ? (patientName ?? t('devices.patientRef', { id: device.patientId })) : t('devices.unassigned')}</dd>
        </div>
        <div>
          <dt>{t('credentials.type')}</dt>
          <dd>{t(`device.type.${deviceTypeKey(device.type)}`)}</dd>
        </div>
        <div>
          <dt>{t('credentials.broker')}</dt>
          <dd className="table__mono">{bundle.mqttUrl}</dd>
        </div>
      </dl>
      <h3 className="credentials__files-title">{t('credentials.files')}</h3>
      <ul className="credentials__files">
        {files.map((f) => (
          <BundleFileRow key={f.name} file={f} downloaded={downloaded.has(f.name)} onDownload={() => setDownloaded((s) => new Set(s).add(f.name))} />
        ))}
      </ul>
      <div className="credentials__foot">
        <span className="credentials__progress">{t('credentials.progress', { n: downloaded.size })}</span>
        <button type="button" className="button button--primary" data-testid="credentials-close" onClick={onClose}>
          {t('credentials.close')}
        </button>
      </div>
    </section>
  );
}
