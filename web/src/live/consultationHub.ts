import { LiveHubConnection, type ConnectionStatus } from './hubConnection';

/** What a room needs from the hub: calls, events, and a word when the connection is (again) up. */
export interface HubLike {
  invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  on(event: string, handler: (payload: never) => void): () => void;
  /** Calls `listener` at every (re)connection, and at once when connected already. */
  onConnected(listener: () => void): () => void;
  getStatus(): ConnectionStatus;
  subscribeStatus(listener: () => void): () => void;
}

/**
 * The `/hubs/consultation` connection of the signed-in doctor or patient (one per page). After every
 * reconnect (the connection's groups are lost), `onConnected` listeners re-join their consultation and
 * resync (GetChatSince): stateful reconnect is offered but stays dormant without a negotiate response.
 */
export class ConsultationHub extends LiveHubConnection implements HubLike {
  constructor(url = '/hubs/consultation') {
    super({ url, statefulReconnect: true, restartAfterCloseMs: 5_000, restartAfterFailedStartMs: 3_000 });
  }

  override on(event: string, handler: (payload: never) => void): () => void {
    return super.on(event, handler as (payload: unknown) => void);
  }
}

/** The message of a hub refusal (`HubException`), without SignalR's prefix. */
export function hubErrorMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const m = /HubException: (.*)$/s.exec(raw);
  return (m ? m[1]! : raw).trim();
}
