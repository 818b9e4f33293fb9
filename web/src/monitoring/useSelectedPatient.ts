import { useCallback, useEffect, useState } from 'react';

const PARAM = 'patient';

function read(): number | null {
  const v = new URLSearchParams(window.location.search).get(PARAM);
  const n = v == null ? NaN : Number(v);
  return Number.isInteger(n) ? n : null;
}

/** The patient whose history is open, kept in `?patient=ID` so it survives reloads and Back closes it. */
export function useSelectedPatient(): [number | null, (id: number | null) => void] {
  const [selected, setSelectedState] = useState<number | null>(read);
  useEffect(() => {
    const onPop = () => setSelectedState(read());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const setSelected = useCallback((id: number | null) => {
    const url = new URL(window.location.href);
    if (id == null) url.searchParams.delete(PARAM);
    else url.searchParams.set(PARAM, String(id));
    window.history.pushState(null, '', url);
    setSelectedState(id);
  }, []);
  return [selected, setSelected];
}
