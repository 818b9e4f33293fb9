import { linkHandler, pathFor, type Route } from '../app/routes';
import { useI18n } from '../i18n/useI18n';
import { useLatestInvite } from './ConsultationContext';

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
