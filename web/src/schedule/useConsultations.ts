import { useCallback, useEffect, useState } from 'react';
import { consultationApi } from '../consultation/api';
import { isFinished } from '../consultation/controls';
import type { ConsultationDto } from '../consultation/types';

export type ListState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: ConsultationDto[] };

const REFRESH_MS = 15_000;

/** The caller's consultations, refreshed every 15 s and on demand. */
export function useConsultations(): { state: ListState; reload: () => Promise<void>; replace: (c: ConsultationDto) => void } {
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  const reload = useCallback(async () => {
    try {
      const items = await consultationApi.list();
      setState({ kind: 'ready', items });
    } catch (e) {
      setState((s) => (s.kind === 'ready' ? s : { kind: 'error', message: e instanceof Error ? e.message : String(e) }));
    }
  }, []);
  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const replace = useCallback((c: ConsultationDto) => {
    setState((s) => {
      if (s.kind !== 'ready') return s;
      const has = s.items.some((i) => i.id === c.id);
      const items = has ? s.items.map((i) => (i.id === c.id ? c : i)) : [...s.items, c];
      return { kind: 'ready', items };
    });
  }, []);
  return { state, reload, replace };
}

/** Upcoming (not finished), soonest first; past (finished), latest first. */
export function splitConsultations(items: readonly ConsultationDto[]): { upcoming: ConsultationDto[]; past: ConsultationDto[] } {
  const at = (c: ConsultationDto) => Date.parse(c.scheduledAt);
  const upcoming = items.filter((c) => !isFinished(c.state)).sort((a, b) => at(a) - at(b) || a.id - b.id);
  const past = items
    .filter((c) => isFinished(c.state))
    .sort((a, b) => Date.parse(b.endedAt ?? b.scheduledAt) - Date.parse(a.endedAt ?? a.scheduledAt) || b.id - a.id);
  return { upcoming, past };
}
