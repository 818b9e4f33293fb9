import { useEffect } from 'react';
import { registerPageWorker } from './push';

/** Keeps the service worker registered while a clinician is signed in: pages pushed later find it even with no tab open. */
export function usePageWorker(enabled: boolean): void {
  useEffect(() => {
    if (enabled) void registerPageWorker();
  }, [enabled]);
}
