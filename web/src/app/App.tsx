import { LoginPage } from '../auth/LoginPage';
import { useAuthState, useSessionRestore } from '../auth/useAuth';
import { DevicesPage } from '../devices/DevicesPage';
import { I18nProvider } from '../i18n/I18nProvider';
import { useI18n } from '../i18n/useI18n';
import { Board } from '../monitoring/Board';
import { LiveProvider } from '../monitoring/LiveContext';
import { Header } from './Header';
import { screenFor } from './routes';

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
  const screen = screenFor(state);

  if (state.status === 'restoring')
    return (
      <p className="splash" role="status">
        {t('auth.restoring')}
      </p>
    );
  if (state.status === 'signedOut') return <LoginPage reason={state.reason} />;

  const { user } = state;
  if (screen === 'devices')
    return (
      <>
        <Header user={user} screen={screen} live={false} />
        <main className="page">
          <DevicesPage canManage={user.role === 'admin'} />
        </main>
      </>
    );
  // A new store and hub connection per account: nothing of one user's data outlives their session.
  return (
    <LiveProvider key={user.id}>
      <Header user={user} screen={screen} live />
      <main className="page">
        <Board title={user.role === 'patient' ? t('board.mine') : t('board.title')} showCount={user.role !== 'patient'} />
      </main>
    </LiveProvider>
  );
}
