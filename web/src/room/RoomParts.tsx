import { ReportButton } from '../consultation/VisitFiles';
import { linkHandler, pathFor } from '../platform/routes';
import { useNow } from '../platform/clock';
import { useI18n } from '../i18n/useI18n';
import { useConsultationHubStatus } from '../live/ConsultationHubContext';
import { offsetLabel } from '../consultation/time';
import { StateBadge } from '../consultation/StateBadge';
import type { ConsultationDto } from '../consultation/types';

export function BackLink() {
  const { t } = useI18n();
  const back = pathFor({ screen: 'consultations' });
  return (
    <a className="room__back" href={back} onClick={linkHandler(back)}>
      ← {t('room.back')}
    </a>
  );
}

export function Elapsed({ since }: { since: string | null }) {
  const now = useNow();
  if (!since) return null;
  return (
    <span className="room__elapsed" data-testid="elapsed">
      {offsetLabel(now - Date.parse(since))}
    </span>
  );
}

export function HubNotice() {
  const { t } = useI18n();
  const status = useConsultationHubStatus();
  if (status === 'connected') return null;
  return (
    <span className={`conn conn--${status}`} role="status" data-testid="room-hub-status">
      <span className="conn__dot" aria-hidden="true" />
      {t(`conn.${status}`)}
    </span>
  );
}

export function Finished({ c, guest }: { c: ConsultationDto; guest: boolean }) {
  const { t, fmt } = useI18n();
  const replay = pathFor({ screen: 'replay', id: c.id });
  return (
    <div className="finished" data-testid="room-finished" data-state={c.state}>
      {!guest && <BackLink />}
      <div className="finished__card">
        <StateBadge state={c.state} />
        <h1 className="finished__title">{c.state === 'ending' ? t('finished.ending') : c.state === 'failed' ? t('finished.failed') : c.state === 'cancelled' ? t('finished.cancelled') : t('finished.ended')}</h1>
        {c.endedAt && <p className="finished__when">{t('finished.at', { when: fmt.dateTime(Date.parse(c.endedAt)) })}</p>}
        {c.failureReason && <p className="finished__reason">{c.failureReason}</p>}
        {!guest && c.state !== 'cancelled' && c.state !== 'ending' && (
          <a className="button button--primary" href={replay} onClick={linkHandler(replay)} data-testid="open-replay">
            {t('finished.replay')}
          </a>
        )}
        {c.state !== 'ending' && c.startedAt && <ReportButton id={c.id} />}
      </div>
    </div>
  );
}
