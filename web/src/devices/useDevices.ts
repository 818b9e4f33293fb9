import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { DeviceDto } from '../api/types';
import { syncServerClock } from '../app/clock';

export type DevicesState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; devices: DeviceDto[]; patientNames: ReadonlyMap<number, string> };

/**
 * `GET /api/v1/devices`, reloaded every 15 s (battery and last contact change), with patient
 * names from `GET /api/v1/patients` when the server lets this user list them (else numbers only).
 */
export function useDevices(): DevicesState {
  const [state, setState] = useState<DevicesState>({ kind: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    const load = async () => {
      try {
        const [devices, patients] = await Promise.all([
          api.devices(abort.signal),
          api.patients(abort.signal).catch(() => []),
        ]);
        setState({
          kind: 'ready',
          devices: [...devices].sort((a, b) => a.id.localeCompare(b.id)),
          patientNames: new Map(patients.map((p) => [p.id, p.displayName])),
        });
      } catch (e) {
        if (abort.signal.aborted) return;
        setState((s) => (s.kind === 'ready' ? s : { kind: 'error', message: e instanceof Error ? e.message : String(e) }));
      }
    };
    void syncServerClock().catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, []);
  return state;
}
