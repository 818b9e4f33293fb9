import { linkHandler, pathFor, type Route } from '../platform/routes';
import { useI18n } from '../i18n/useI18n';
import { useEffect, useState } from 'react';
import type { ConsultationInviteEvent } from '../consultation/types';
import { useConsultationHub } from '../live/ConsultationHubContext';

/** For a patient anywhere in the app: their doctor has started the consultation; one click joins. */
export function InviteBanner({ route }: { route: Route }) {
  const { t } = useI18n();
  const [invite, dismiss] = useLatestInvite();
  if (!invite || (route.screen === 'room' && route.id === invite.consultationId)) return null;
  const room = pathFor({ screen: 'room', id: invite.consultationId });
  return (
    <div className="invite-banner" role="alert" data-testid="invite-banner">
      <span>{t('invite.banner', { name: invite.doctorName })}</span>
      <a className="button button--primary" href={room} onClick={(e) => (linkHandler(room)(e), dismiss())}>
        {t('invite.join')}
      </a>
      <button type="button" className="button button--quiet" onClick={dismiss}>
        {t('devices.dismiss')}
      </button>
    </div>
  );
}

/** The latest `consultationInvite` a patient received (their doctor started the call), until dismissed. */
export function useLatestInvite(): [ConsultationInviteEvent | null, () => void] {
  const hub = useConsultationHub();
  const [invite, setInvite] = useState<ConsultationInviteEvent | null>(null);
  useEffect(() => hub.on('consultationInvite', (e: ConsultationInviteEvent) => setInvite(e)), [hub]);
  return [invite, () => setInvite(null)];
}
