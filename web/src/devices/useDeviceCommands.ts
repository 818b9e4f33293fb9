import { useCallback, useEffect, useState } from 'react';
import type { CommandFeed } from './commandFeed';
import { type DeviceCommandDto, mergeAll, mergeCommand } from './commands';
import { commandsApi } from './commandsApi';

export interface DeviceCommands {
  commands: DeviceCommandDto[];
  /** True once the server's list arrived: before that, "no commands" means "not known yet". */
  loaded: boolean;
  /** The last request's refusal (validation, access), in the server's words. */
  error: string | null;
  busy: boolean;
  send: (request: () => Promise<DeviceCommandDto>) => Promise<void>;
}

/** A device's latest commands: fetched once, then kept live by the feed (and refetched after a reconnect). */
export function useDeviceCommands(deviceId: string, patientId: number | null, feed: CommandFeed | null): DeviceCommands {
  const [commands, setCommands] = useState<DeviceCommandDto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    const load = () =>
      commandsApi
        .list(deviceId, abort.signal)
        .then((fetched) => {
          if (abort.signal.aborted) return;
          setCommands((list) => mergeAll(list, fetched));
          setLoaded(true);
        })
        .catch((e: unknown) => {
          if (!abort.signal.aborted) setError(e instanceof Error ? e.message : String(e));
        });
    void load();
    const unwatch =
      feed && patientId != null
        ? feed.watch(
            patientId,
            (c) => {
              if (c.deviceId === deviceId) setCommands((list) => mergeCommand(list, c));
            },
            () => void load(),
          )
        : () => undefined;
    return () => {
      abort.abort();
      unwatch();
    };
  }, [deviceId, patientId, feed]);

  const send = useCallback(async (request: () => Promise<DeviceCommandDto>) => {
    setBusy(true);
    setError(null);
    try {
      const command = await request();
      setCommands((list) => mergeCommand(list, command));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }, []);

  return { commands, loaded, error, busy, send };
}
