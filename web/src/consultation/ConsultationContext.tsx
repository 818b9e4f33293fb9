import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionStatus } from '../monitoring/connection';
import { ConsultationHub } from './hub';
import type { ConsultationInviteEvent } from './types';

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

/** The latest `consultationInvite` a patient received (their doctor started the call), until dismissed. */
export function useLatestInvite(): [ConsultationInviteEvent | null, () => void] {
  const hub = useConsultationHub();
  const [invite, setInvite] = useState<ConsultationInviteEvent | null>(null);
  useEffect(() => hub.on('consultationInvite', (e: ConsultationInviteEvent) => setInvite(e)), [hub]);
  return [invite, () => setInvite(null)];
}
