import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { DeviceDto } from '../api/types';
import { syncServerClock } from '../platform/clock';
import { sortDevices } from './deviceStatus';

export interface PatientOption {
  id: number;
  displayName: string;
}

export type DevicesState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; devices: DeviceDto[]; patients: PatientOption[]; patientNames: ReadonlyMap<number, string> };

/**
 * `GET /api/v1/devices`, reloaded every 15 s (battery and last contact change) and on `reload()`
 * (after a change), with patient names from `GET /api/v1/patients` when the server lets this user
 * list them (else numbers only). Names are read once per visit: every listing of patients is an
 * audited read, and a 15 s poll would fill the audit trail with them.
 */
export function useDevices(): { state: DevicesState; reload: () => Promise<void> } {
  const [state, setState] = useState<DevicesState>({ kind: 'loading' });
  const loadRef = useRef<() => Promise<void>>(async () => undefined);
  useEffect(() => {
    const abort = new AbortController();
    let latest = 0;
    let patientsOnce: ReturnType<typeof api.patients> | null = null;
    const load = async () => {
      // A poll that started before a change (and answers after the reload it triggered) must not win.
      const seq = ++latest;
      try {
        const [devices, patients] = await Promise.all([
          api.devices(abort.signal),
          (patientsOnce ??= api.patients(abort.signal).catch(() => [])),
        ]);
        if (abort.signal.aborted || seq !== latest) return;
        const options = patients.map((p) => ({ id: p.id, displayName: p.displayName }));
        setState({
          kind: 'ready',
          devices: sortDevices(devices),
          patients: options,
          patientNames: new Map(options.map((p) => [p.id, p.displayName])),
        });
      } catch (e) {
        if (abort.signal.aborted || seq !== latest) return;
        setState((s) => (s.kind === 'ready' ? s : { kind: 'error', message: e instanceof Error ? e.message : String(e) }));
      }
    };
    loadRef.current = load;
    void syncServerClock().catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, []);
  const reload = useCallback(() => loadRef.current(), []);
  return { state, reload };
}
