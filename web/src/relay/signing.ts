/**
 * Standard messages as the relay sends them, signed in the browser.
 *
 * How a phone relay authenticates (read from the server, src/Fajma.Server/Ingestion): POST /api/v1/iot/mobile-data is
 * anonymous — no user token — and every message in the batch is checked on its own, like any device message: its
 * `signature` must be "hmac-sha256:" + base64url(HMAC-SHA256(device secret, RFC 8785 canonical JSON of the message
 * without `signature`)), with the secret of the registered device named in header.device_id. So the relay is a
 * provisioned device (type ble_heart_rate, provisioned for the patient by the devices page or `fajma devices
 * provision`): the patient pairs the page once with that device's device.json. The secret is imported as a
 * non-extractable WebCrypto HMAC key, kept as a CryptoKey in IndexedDB (scripts can sign with it but never read it
 * back), and the raw secret is not stored. Each message is signed when its batch is made, so the outbox keeps signed
 * messages and retries them unchanged (same message_id: the server treats a resend as a duplicate).
 */

/** RFC 8785 (JCS) for the JSON this module writes: objects, arrays, strings, finite numbers, booleans, null. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value); // ECMAScript number serialization is the one RFC 8785 specifies
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      // UTF-16 code unit order, as RFC 8785 asks: the default sort of JS strings.
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonical JSON cannot hold ${typeof value}`);
}

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

export function base64UrlDecode(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return null;
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  try {
    const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const utf8 = new TextEncoder();

/** Imports the device secret as a key that can sign and never be read back. */
export function importDeviceSecret(secret: Uint8Array, extractable = false): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', secret as BufferSource, { name: 'HMAC', hash: 'SHA-256' }, extractable, ['sign']);
}

/** `sha256:` + hex SHA-256 of the payload's canonical JSON (header.checksum). */
export async function payloadChecksum(payload: unknown): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(canonicalJson(payload))));
  return 'sha256:' + Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface StandardMeasurement {
  type: 'heart_rate';
  value: number;
  unit: 'bpm';
  quality?: number;
  timestamp: string;
}

export interface StandardMessage {
  header: {
    message_id: string;
    timestamp: string;
    device_id: string;
    patient_id?: number;
    message_type: 'VITAL_SIGNS';
    protocol_version: '1.0';
    checksum: string;
    /** The sensor this gateway relays (e.g. `ble:Polar H10 7A3B`). */
    source?: string;
  };
  payload: { measurements: StandardMeasurement[] };
  signature: string;
}

/** Signs a message: HMAC-SHA256 over the canonical JSON of everything but `signature`. */
export async function signMessage(key: CryptoKey, unsigned: Omit<StandardMessage, 'signature'>): Promise<StandardMessage> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8.encode(canonicalJson(unsigned))));
  return { ...unsigned, signature: 'hmac-sha256:' + base64UrlEncode(mac) };
}

export interface RelayReading {
  /** Epoch milliseconds when the strap's notification arrived. */
  at: number;
  heartRate: number;
  /** The strap that measured it (`header.source`), when known. */
  source?: string;
}

export interface RelayIdentity {
  deviceId: string;
  patientId: number | null;
  key: CryptoKey;
}

/** One signed VITAL_SIGNS message per reading, each with its own message_id and the reading's time. */
export async function buildMessage(identity: RelayIdentity, reading: RelayReading, messageId: string): Promise<StandardMessage> {
  const timestamp = new Date(reading.at).toISOString();
  const payload = { measurements: [{ type: 'heart_rate' as const, value: reading.heartRate, unit: 'bpm' as const, timestamp }] };
  return signMessage(identity.key, {
    header: {
      message_id: messageId,
      timestamp,
      device_id: identity.deviceId,
      ...(identity.patientId != null ? { patient_id: identity.patientId } : {}),
      message_type: 'VITAL_SIGNS',
      protocol_version: '1.0',
      checksum: await payloadChecksum(payload),
      ...(reading.source ? { source: reading.source } : {}),
    },
    payload,
  });
}

export interface DeviceJson {
  deviceId: string;
  patientId: number | null;
  secret: Uint8Array;
}

export type DeviceJsonError = 'notJson' | 'deviceId' | 'secret';

/** Reads device.json as `fajma devices provision` and the devices page write it: {deviceId, patientId, secret, mqttUrl}. */
export function parseDeviceJson(text: string): { ok: true; value: DeviceJson } | { ok: false; error: DeviceJsonError } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'notJson' };
  }
  if (typeof data !== 'object' || data === null) return { ok: false, error: 'notJson' };
  const o = data as Record<string, unknown>;
  if (typeof o.deviceId !== 'string' || !/^[A-Za-z0-9._:-]{1,64}$/.test(o.deviceId)) return { ok: false, error: 'deviceId' };
  const secret = typeof o.secret === 'string' ? base64UrlDecode(o.secret) : null;
  if (!secret || secret.length < 16) return { ok: false, error: 'secret' };
  const patientId = typeof o.patientId === 'number' && Number.isInteger(o.patientId) && o.patientId > 0 ? o.patientId : null;
  return { ok: true, value: { deviceId: o.deviceId, patientId, secret } };
}
