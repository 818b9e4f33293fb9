import { PrecallPage } from '../precall/PrecallPage';
import { AlertsPage } from '../alerts/AlertsPage';
import { AlertsProvider } from '../alerts/AlertsContext';
import { LiveAlertsProvider } from '../alerts/LiveAlerts';
import { LoginPage } from '../auth/LoginPage';
import { useAuthState, useSessionRestore } from '../auth/useAuth';
import { ConsultationHubProvider } from '../live/ConsultationHubContext';
import { ConsultationsPage } from '../schedule/ConsultationsPage';
import { InviteBanner } from '../schedule/InviteBanner';
import { GuestHome, JoinPage, JoinWhileSignedIn } from '../schedule/JoinPage';
import { ReplayPage } from '../replay/ReplayPage';
import { RoomPage } from '../room/RoomPage';
import { DevicesPage } from '../devices/DevicesPage';
import { RotasPage } from '../oncall/RotasPage';
import { TriagePage } from '../triage/TriagePage';
import { MfaEnrolment } from '../auth/MfaEnrolment';
import { MfaRequiredPage } from './MfaRequiredPage';
import { I18nProvider } from '../i18n/I18nProvider';
import { useI18n } from '../i18n/useI18n';
import { Board } from '../monitoring/Board';
import { LiveProvider } from '../live/LiveContext';
import { RelayPanel } from '../relay/RelayPanel';
import { usePageWorker } from '../paging/usePageWorker';
import { NudgeBanner } from '../nudges/NudgeBanner';
import { Header } from './Header';
import { AccountsPage } from '../admin/AccountsPage';
import { PatientsAdminPage } from '../admin/PatientsAdminPage';
import { ResetPasswordPage } from '../admin/ResetPasswordPage';
import { SystemPage } from '../admin/SystemPage';
import '../admin/admin.css';
import { followTokenFrom, joinTokenFrom, routeFor, usePathname } from '../platform/routes';
import { FollowJoinPage } from '../follow/FollowJoinPage';
import { FollowerHome } from '../follow/FollowerHome';
import { FollowersPage } from '../follow/FollowersPage';
import { MyDataPage } from '../privacy/MyDataPage';
import { ErasureRequestsPage } from '../privacy/ErasureRequestsPage';
import '../consultation/consultation.css';
import '../alerts/alerts.css';
import '../oncall/oncall.css';
import '../paging/paging.css';
import '../triage/triage.css';
import '../auth/mfa.css';
import '../follow/follow.css';
import '../nudges/nudges.css';
import '../privacy/privacy.css';

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}

function Shell() {
  useSessionRestore();
  const { t } = useI18n();
  const state = useAuthState();
  const pathname = usePathname();
  usePageWorker(state.status === 'signedIn' && state.user.role !== 'guest'); // patients too: their nudges come by push

  // A reset link works signed in or out: its owner is usually signed out, an admin may try it on their own screen.
  if (pathname === '/reset-password') return <ResetPasswordPage />;
  if (state.status === 'restoring')
    return (
      <p className="splash" role="status">
        {t('auth.restoring')}
      </p>
    );
  const joinToken = joinTokenFrom(pathname);
  const followToken = followTokenFrom(pathname);
  if (state.status === 'signedOut')
    return joinToken ? <JoinPage token={joinToken} /> : followToken ? <FollowJoinPage token={followToken} user={null} /> : <LoginPage reason={state.reason} />;

  const { user } = state;
  // The organisation requires a second factor of this role and the session has none: enrolment is the only page.
  if (state.mfaEnrolmentRequired) return <MfaRequiredPage user={user} />;
  const route = routeFor(pathname, user.role);
  if (user.role === 'guest')
    return (
      <LiveProvider key={user.id}>
        <LiveAlertsProvider>
          <ConsultationHubProvider>
            <Header user={user} screen={route.screen} live={false} />
            <main className={`page page--${route.screen === 'room' ? 'room' : 'guest'}`}>
              {route.screen === 'room' ? <RoomPage key={route.id} id={route.id} user={user} /> : <GuestHome />}
            </main>
          </ConsultationHubProvider>
        </LiveAlertsProvider>
      </LiveProvider>
    );
  if (route.screen === 'followJoin') return <FollowJoinPage token={route.token} user={user} />;
  // A follower sees what the patients they follow share, polled: no monitoring hub, no clinical shell.
  if (user.role === 'follower')
    return (
      <>
        <Header user={user} screen={route.screen} live={false} />
        <main className="page">
          <FollowerHome />
        </main>
      </>
    );
  if (route.screen === 'join')
    return (
      <>
        <Header user={user} screen={route.screen} live={false} />
        <main className="page join">
          <JoinWhileSignedIn token={route.token} user={user} />
        </main>
      </>
    );
  if (route.screen === 'devices')
    return (
      <>
        <Header user={user} screen={route.screen} live={false} />
        <main className="page">
          <DevicesPage canManage={user.role === 'admin'} />
        </main>
      </>
    );
  if (user.role === 'admin' && ['accounts', 'adminPatients', 'system', 'erasure', 'security'].includes(route.screen))
    return (
      <>
        <Header user={user} screen={route.screen} live={false} />
        <main className="page">
          {route.screen === 'accounts' && <AccountsPage />}
          {route.screen === 'adminPatients' && <PatientsAdminPage />}
          {route.screen === 'system' && <SystemPage />}
          {route.screen === 'erasure' && <ErasureRequestsPage />}
          {route.screen === 'security' && <MfaEnrolment />}
        </main>
      </>
    );
  // An admin's rota editor; a doctor reads rotas within the clinical shell, where their alerts keep ringing.
  if (route.screen === 'rotas' && user.role === 'admin')
    return (
      <>
        <Header user={user} screen={route.screen} live={false} />
        <main className="page">
          <RotasPage canEdit />
        </main>
      </>
    );
  const role = user.role === 'doctor' ? 'doctor' : 'patient';
  // A new store and hub connections per account: nothing of one user's data outlives their session.
  const screen = (
    <ConsultationHubProvider>
      <Header user={user} screen={route.screen} live />
      {role === 'patient' && <InviteBanner route={route} />}
      <main className={`page page--${route.screen}`}>
        {route.screen === 'board' && role === 'patient' && user.patientId != null && <NudgeBanner patientId={user.patientId} />}
        {route.screen === 'board' && (
          <Board title={role === 'patient' ? t('board.mine') : t('board.title')} showCount={role !== 'patient'} alerts={role === 'doctor'} />
        )}
        {route.screen === 'board' && role === 'patient' && <RelayPanel userId={user.id} />}
        {route.screen === 'consultations' && <ConsultationsPage role={role} />}
        {route.screen === 'followers' && role === 'patient' && <FollowersPage />}
        {route.screen === 'privacy' && role === 'patient' && user.patientId != null && <MyDataPage patientId={user.patientId} />}
        {route.screen === 'alerts' && role === 'doctor' && <AlertsPage />}
        {route.screen === 'triage' && role === 'doctor' && <TriagePage />}
        {route.screen === 'security' && role === 'doctor' && <MfaEnrolment />}
        {route.screen === 'rotas' && role === 'doctor' && <RotasPage canEdit={false} />}
        {route.screen === 'room' && <RoomPage key={route.id} id={route.id} user={user} />}
        {route.screen === 'replay' && <ReplayPage key={route.id} id={route.id} />}
        {route.screen === 'precall' && <PrecallPage key={route.id} id={route.id} />}
      </main>
    </ConsultationHubProvider>
  );
  // A doctor's alerts (list, notifications) live across pages.
  return (
    <LiveProvider key={user.id}>
      <LiveAlertsProvider>{role === 'doctor' ? <AlertsProvider userId={user.id}>{screen}</AlertsProvider> : screen}</LiveAlertsProvider>
    </LiveProvider>
  );
}
