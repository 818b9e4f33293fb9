import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { api } from '../api/client';
import { useI18n } from '../i18n/useI18n';
import { useLive } from '../live/LiveContext';
import { useLiveAlerts } from './LiveAlerts';
import { alertsApi } from './api';
import { alertTitle } from './format';
import { callFor, playAlertSound, showNotification, unlockAudio } from './notify';
import type { AlertStore, AlertsSnapshot } from './store';
import type { AlertPreferenceDto } from './types';

export type AlertsLoad = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

interface AlertsCtx {
  store: AlertStore;
  userId: number;
  load: AlertsLoad;
  reload: () => void;
  /** Patient names by id, for alerts (a system alert has none). */
  names: ReadonlyMap<number, string>;
  prefs: readonly AlertPreferenceDto[] | null;
  savePrefs: (prefs: AlertPreferenceDto[]) => Promise<void>;
}

const Ctx = createContext<AlertsCtx | null>(null);

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A doctor's alerts, on every page: the open alerts (read once, again after a reconnect, then
 * kept up to date by the hub), the notification preferences, and the call — a browser
 * notification and/or a short sound — when an alert pages this user.
 */
export function AlertsProvider({ userId, children }: { userId: number; children: ReactNode }) {
  const { connection } = useLive();
  const { alerts: store } = useLiveAlerts();
  const { t, fmt } = useI18n();
  const [load, setLoad] = useState<AlertsLoad>({ kind: 'loading' });
  const [names, setNames] = useState<ReadonlyMap<number, string>>(new Map());
  const [prefs, setPrefs] = useState<readonly AlertPreferenceDto[] | null>(null);

  const reload = useCallback(() => {
    const mark = store.mark();
    alertsApi
      .list({ status: 'active', limit: 200 })
      .then((list) => {
        store.loadActive(list, mark);
        setLoad({ kind: 'ready' });
      })
      .catch((e: unknown) => setLoad((s) => (s.kind === 'ready' ? s : { kind: 'error', message: message(e) })));
    api
      .patients()
      .then((ps) => setNames(new Map(ps.map((p) => [p.id, p.displayName]))))
      .catch(() => undefined);
  }, [store]);

  useEffect(() => {
    reload();
    alertsApi.preferences().then(setPrefs).catch(() => undefined);
    return connection.addResyncListener(reload);
  }, [reload, connection]);

  // Until the first read succeeds, try again every 5 s.
  useEffect(() => {
    if (load.kind !== 'error') return;
    const timer = setTimeout(reload, 5_000);
    return () => clearTimeout(timer);
  }, [load, reload]);

  // Browsers play sound only after a gesture: the first click or key on the page unlocks it.
  useEffect(() => {
    const unlock = () => unlockAudio();
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);

  // The call, for live events that page this user (latest values through a ref: the listener stays).
  const latest = useRef({ prefs, names, t, fmt });
  latest.current = { prefs, names, t, fmt };
  useEffect(
    () =>
      store.onEvent((a) => {
        const { prefs, names, t, fmt } = latest.current;
        const call = callFor(a, userId, prefs);
        if (call.sound) playAlertSound(a.severity);
        if (call.browser) {
          const patient = a.patientId == null ? t('alerts.system') : (names.get(a.patientId) ?? t('alerts.patientRef', { id: a.patientId }));
          showNotification(t('alerts.notify.title', { severity: t(`alerts.severity.${a.severity}`), patient }), alertTitle(a, t, fmt), a.id);
        }
      }),
    [store, userId],
  );

  const savePrefs = useCallback(async (next: AlertPreferenceDto[]) => {
    setPrefs(await alertsApi.setPreferences(next));
  }, []);

  const value = useMemo<AlertsCtx>(() => ({ store, userId, load, reload, names, prefs, savePrefs }), [store, userId, load, reload, names, prefs, savePrefs]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAlerts(): AlertsCtx {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useAlerts must be used inside <AlertsProvider>');
  return ctx;
}

/** The open and recently resolved alerts; re-renders when they change. */
export function useAlertList(): AlertsSnapshot {
  const { store } = useAlerts();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
