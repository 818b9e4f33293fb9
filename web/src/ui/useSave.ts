import { useCallback, useState } from 'react';

/**
 * A form's save: `busy` while `run` awaits `save`, then `saved` (until the next edit calls
 * `setSaved(false)`), or `error`: the failure's message put in words by `describe`.
 */
export function useSave() {
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (save: () => Promise<unknown>, describe: (message: string) => string) => {
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      await save();
      setSaved(true);
    } catch (e) {
      setError(describe(e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, saved, setSaved, error, run };
}
