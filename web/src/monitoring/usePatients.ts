import { useCallback, useEffect, useState } from 'react';
import { api, loadHistory } from '../api/client';
import type { PatientDto } from '../api/types';
import { serverNow, syncServerClock } from '../platform/clock';
import { useLive } from '../live/LiveContext';
import { SPARK_WINDOW_MS } from '../live/vitals';

export type PatientsState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; patients: PatientDto[] };

/**
 * The board's patients: fetched once (and again after a hub reconnect, to catch up on what was
 * missed), loaded into the live store, subscribed on the hub, sparklines seeded with 2 minutes.
 */
export function usePatients(): { state: PatientsState; reload: () => void } {
  const { store, connection } = useLive();
  const [state, setState] = useState<PatientsState>({ kind: 'loading' });

  const load = useCallback(
    async (seed: boolean) => {
      try {
        await syncServerClock().catch(() => undefined);
        const patients = await api.patients();
        store.load(patients);
        setState({ kind: 'ready', patients });
        void connection.setPatients(patients.map((p) => p.id));
        if (seed) {
          const to = new Date(serverNow() + 5_000);
          const from = new Date(serverNow() - SPARK_WINDOW_MS);
          for (const p of patients) {
            for (const type of ['heart_rate', 'spo2'] as const) {
              loadHistory(p.id, type, from, to, 1000)
                .then((items) => store.seedSeries(p.id, items))
                .catch(() => undefined);
            }
          }
        }
      } catch (e) {
        setState((s) => (s.kind === 'ready' ? s : { kind: 'error', message: e instanceof Error ? e.message : String(e) }));
      }
    },
    [store, connection],
  );

  useEffect(() => {
    void load(true);
    connection.onResync = () => void load(false);
    return () => {
      connection.onResync = undefined;
    };
  }, [load, connection]);

  // Until the first load succeeds, retry every 5 s (the server may still be starting).
  useEffect(() => {
    if (state.kind !== 'error') return;
    const timer = setTimeout(() => void load(true), 5_000);
    return () => clearTimeout(timer);
  }, [state, load]);

  return { state, reload: () => void load(true) };
}
