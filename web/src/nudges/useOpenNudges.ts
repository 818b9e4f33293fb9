import { useCallback, useEffect, useState } from 'react';
import { nudgesApi, type NudgeDto } from './api';

/** Nudges change a few times a day at most: asked again every half minute, not pushed live. */
const REFRESH_MS = 30_000;

/** The patient's open nudges (null while loading or when they cannot be read), refreshed now and then. */
export function useOpenNudges(patientId: number): [NudgeDto[] | null, (changed: NudgeDto) => void] {
  const [nudges, setNudges] = useState<NudgeDto[] | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const load = () =>
      nudgesApi.list(patientId, true, abort.signal).then(setNudges, () => {
        if (!abort.signal.aborted) setNudges(null);
      });
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [patientId]);
  const replace = useCallback((changed: NudgeDto) => setNudges((list) => list?.map((n) => (n.id === changed.id ? changed : n)) ?? null), []);
  return [nudges, replace];
}
