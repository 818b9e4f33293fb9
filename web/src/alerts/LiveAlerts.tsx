import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useLive } from '../live/LiveContext';
import { serverNow } from '../platform/clock';
import { News2Store } from './news2Store';
import { AlertStore } from './store';
import type { AlertDto, News2Dto } from './types';

interface LiveAlerts {
  /** Open alerts, fed by the hub's `alert` events (and loaded by the alerts provider). */
  alerts: AlertStore;
  /** NEWS2 per patient, fed by the hub's `news2` events (and each card's first read). */
  news2: News2Store;
}

const LiveAlertsContext = createContext<LiveAlerts | null>(null);

/**
 * The alert and NEWS2 stores of the page's monitoring connection (inside `<LiveProvider>`). The
 * handlers are attached in an effect, which runs before the provider above starts the connection.
 */
export function LiveAlertsProvider({ children }: { children: ReactNode }) {
  const { connection } = useLive();
  const [stores] = useState<LiveAlerts>(() => ({ alerts: new AlertStore(serverNow), news2: new News2Store() }));
  useEffect(() => {
    const offAlert = connection.on<AlertDto>('alert', (a) => stores.alerts.event(a));
    const offNews2 = connection.on<News2Dto>('news2', (n) => stores.news2.set(n));
    return () => {
      offAlert();
      offNews2();
    };
  }, [connection, stores]);
  return <LiveAlertsContext.Provider value={stores}>{children}</LiveAlertsContext.Provider>;
}

export function useLiveAlerts(): LiveAlerts {
  const ctx = useContext(LiveAlertsContext);
  if (!ctx) throw new Error('useLiveAlerts must be used inside <LiveAlertsProvider>');
  return ctx;
}
