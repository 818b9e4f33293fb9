import { I18nProvider } from '../i18n/I18nProvider';
import { Board } from '../monitoring/Board';
import { LiveProvider } from '../monitoring/LiveContext';
import { Header } from './Header';

export function App() {
  return (
    <I18nProvider>
      <LiveProvider>
        <Header />
        <main className="page">
          <Board />
        </main>
      </LiveProvider>
    </I18nProvider>
  );
}
