import type { OutboxBatch, OutboxStore } from './outbox';

/**
 * The relay's IndexedDB database (the `idb` package is not installed: a small wrapper over the raw API).
 * One database per signed-in user, so one account never sends another's queued readings:
 * `outbox` holds the batches (auto-increment key = send order), `pairing` the relay device (id, patient, and the
 * HMAC key as a non-extractable CryptoKey, which IndexedDB stores by structured clone).
 */
const VERSION = 1;

export function openRelayDb(userId: number | string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(`fajma-relay-${userId}`, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      if (!db.objectStoreNames.contains('pairing')) db.createObjectStore('pairing');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the relay database is blocked by another tab'));
  });
}

function run<T>(db: IDBDatabase, store: string, mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = op(tx.objectStore(store));
    let result: T;
    request.onsuccess = () => (result = request.result);
    // Resolve once the transaction is committed: "kept" means durable.
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error ?? request.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

export class IdbOutboxStore implements OutboxStore {
  constructor(private readonly db: IDBDatabase) {}

  async add(batch: Omit<OutboxBatch, 'seq'>): Promise<number> {
    return Number(await run(this.db, 'outbox', 'readwrite', (s) => s.add(batch)));
  }
  async put(batch: OutboxBatch): Promise<void> {
    await run(this.db, 'outbox', 'readwrite', (s) => s.put(batch));
  }
  async delete(seq: number): Promise<void> {
    await run(this.db, 'outbox', 'readwrite', (s) => s.delete(seq));
  }
  async all(): Promise<OutboxBatch[]> {
    return run(this.db, 'outbox', 'readonly', (s) => s.getAll() as IDBRequest<OutboxBatch[]>);
  }
}

export interface StoredPairing {
  deviceId: string;
  patientId: number | null;
  key: CryptoKey;
}

export async function loadPairing(db: IDBDatabase): Promise<StoredPairing | null> {
  return ((await run(db, 'pairing', 'readonly', (s) => s.get('device'))) as StoredPairing | undefined) ?? null;
}

export async function savePairing(db: IDBDatabase, pairing: StoredPairing): Promise<void> {
  await run(db, 'pairing', 'readwrite', (s) => s.put(pairing, 'device'));
}

export async function clearPairing(db: IDBDatabase): Promise<void> {
  await run(db, 'pairing', 'readwrite', (s) => s.delete('device'));
}
