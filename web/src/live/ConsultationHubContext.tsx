import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionStatus } from './hubConnection';
import { ConsultationHub } from './consultationHub';

const HubContext = createContext<ConsultationHub | null>(null);

/** One `/hubs/consultation` connection for the signed-in doctor or patient. */
export function ConsultationHubProvider({ children }: { children: ReactNode }) {
  const [hub] = useState(() => new ConsultationHub());
  useEffect(() => {
    void hub.start();
    return () => void hub.stop();
  }, [hub]);
  return <HubContext.Provider value={hub}>{children}</HubContext.Provider>;
}

export function useConsultationHub(): ConsultationHub {
  const hub = useContext(HubContext);
  if (!hub) throw new Error('useConsultationHub must be used inside <ConsultationHubProvider>');
  return hub;
}

export function useConsultationHubStatus(): ConnectionStatus {
  const hub = useConsultationHub();
  return useSyncExternalStore(hub.subscribeStatus, hub.getStatus);
}
