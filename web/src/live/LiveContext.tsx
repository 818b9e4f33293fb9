import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { MonitoringConnection, type ConnectionStatus } from './monitoringConnection';
import { LiveStore, type PatientLive } from './store';

interface Live {
  store: LiveStore;
  connection: MonitoringConnection;
}

const LiveContext = createContext<Live | null>(null);

/** One store and one monitoring hub connection for the page (the alerts' stores hang on it: `alerts/LiveAlerts`). */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [live] = useState<Live>(() => {
    const store = new LiveStore();
    const connection = new MonitoringConnection(store);
    return { store, connection };
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
