import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { News2Store } from '../alerts/news2Store';
import { AlertStore } from '../alerts/store';
import type { AlertDto, News2Dto } from '../alerts/types';
import { serverNow } from '../app/clock';
import { MonitoringConnection, type ConnectionStatus } from './connection';
import { LiveStore, type PatientLive } from './store';

interface Live {
  store: LiveStore;
  connection: MonitoringConnection;
  /** Open alerts, fed by the hub's `alert` events (and loaded by the alerts provider). */
  alerts: AlertStore;
  /** NEWS2 per patient, fed by the hub's `news2` events (and each card's first read). */
  news2: News2Store;
}

const LiveContext = createContext<Live | null>(null);

/** One store and one hub connection for the page. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [live] = useState<Live>(() => {
    const store = new LiveStore();
    const connection = new MonitoringConnection(store);
    const alerts = new AlertStore(serverNow);
    const news2 = new News2Store();
    connection.on<AlertDto>('alert', (a) => alerts.event(a));
    connection.on<News2Dto>('news2', (n) => news2.set(n));
    return { store, connection, alerts, news2 };
  });
  useEffect(() => {
    void live.connection.start();
    return () => void live.connection.stop();
  }, [live]);
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  const ctx = useContext(LiveContext);
  if (!ctx) throw new Error('useLive must be used inside <LiveProvider>');
  return ctx;
}

/** The patient's live state; re-renders only when that patient changed (at most once a frame). */
export function usePatientLive(id: number): PatientLive | undefined {
  const { store } = useLive();
  return useSyncExternalStore(
    (l) => store.subscribe(id, l),
    () => store.getPatient(id),
  );
}

export function useConnectionStatus(): ConnectionStatus {
  const { connection } = useLive();
  return useSyncExternalStore(connection.subscribeStatus, connection.getStatus);
}
