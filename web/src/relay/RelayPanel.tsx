import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { MessageKey } from '../i18n/en';
import { useI18n } from '../i18n/useI18n';
import { browserBluetooth } from './bluetooth';
import { IdbOutboxStore, clearPairing, loadPairing, openRelayDb, savePairing, type StoredPairing } from './idbStore';
import { Outbox, httpSender } from './outbox';
import { RelaySession, type BleState } from './relay';
import { importDeviceSecret, parseDeviceJson, type DeviceJsonError } from './signing';
import './relay.css';
import { serverNow, syncServerClock } from '../platform/clock';

interface Ready {
  db: IDBDatabase;
  outbox: Outbox;
  pairing: StoredPairing | null;
}

/**
 * The patient's phone as a relay for a Bluetooth heart-rate strap. Pairing: the relay is a provisioned device
 * (type ble_heart_rate) whose device.json the patient pastes or opens once; its secret becomes a non-extractable
 * signing key kept in this browser (see signing.ts). Readings queued here survive a reload and a lost network.
 */
export function RelayPanel({ userId }: { userId: number }) {
  const { t } = useI18n();
  const [ready, setReady] = useState<Ready | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let db: IDBDatabase | null = null;
    let outbox: Outbox | null = null;
    let cancelled = false;
    const online = () => void outbox?.kick();
    openRelayDb(userId)
      .then(async (opened) => {
        db = opened;
        const pairing = await loadPairing(opened);
        if (cancelled) return opened.close();
        outbox = new Outbox(new IdbOutboxStore(opened), httpSender());
        // Batches an earlier page left (closed tab, lost network) go first.
        void outbox.resume();
        window.addEventListener('online', online);
        setReady({ db: opened, outbox, pairing });
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      window.removeEventListener('online', online);
      outbox?.stop();
      db?.close();
    };
  }, [userId]);

  return (
    <section className="panel relay" aria-labelledby="relay-title" data-testid="relay-panel">
      <h2 className="panel__title" id="relay-title">
        {t('relay.title')}
      </h2>
      <p className="panel__intro">{t('relay.intro')}</p>
      {failed && (
        <p className="notice notice--error" role="alert">
          {t('relay.storageFailed')}
        </p>
      )}
      {ready &&
        (ready.pairing ? (
          <RelayControls
            key={ready.pairing.deviceId}
            ready={ready}
            pairing={ready.pairing}
            onForget={async () => {
              await clearPairing(ready.db);
              setReady({ ...ready, pairing: null });
            }}
          />
        ) : (
          <PairForm
            onPaired={async (pairing) => {
              await savePairing(ready.db, pairing);
              void ready.outbox.resume();
              setReady({ ...ready, pairing });
            }}
          />
        ))}
    </section>
  );
}

const pairErrors: Record<DeviceJsonError, MessageKey> = {
  notJson: 'relay.pair.notJson',
  deviceId: 'relay.pair.badDeviceId',
  secret: 'relay.pair.badSecret',
};

function PairForm({ onPaired }: { onPaired: (pairing: StoredPairing) => Promise<void> }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseDeviceJson(text);
    if (!parsed.ok) return setError(pairErrors[parsed.error]);
    setBusy(true);
    try {
      const key = await importDeviceSecret(parsed.value.secret);
      parsed.value.secret.fill(0);
      await onPaired({ deviceId: parsed.value.deviceId, patientId: parsed.value.patientId, key });
    } catch {
      setError('relay.storageFailed');
      setBusy(false);
    }
  };

  return (
    <form className="relay__pair" onSubmit={submit} data-testid="relay-pair-form">
      <p>{t('relay.pair.explain')}</p>
      <label className="field">
        <span className="field__label">{t('relay.pair.label')}</span>
        <textarea
          className="field__mono relay__json"
          rows={5}
          value={text}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'relay-pair-error' : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          data-testid="relay-device-json"
        />
      </label>
      <div className="relay__actions">
        <label className="button">
          {t('relay.pair.file')}
          <input
            type="file"
            accept="application/json,.json"
            className="visually-hidden"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setText(await file.text());
              setError(null);
            }}
          />
        </label>
        <button type="submit" className="button button--primary" disabled={busy || text.trim() === ''} data-testid="relay-pair">
          {t('relay.pair.submit')}
        </button>
      </div>
      {error && (
        <p className="field__error" id="relay-pair-error" role="alert" data-testid="relay-pair-error">
          {t(error)}
        </p>
      )}
    </form>
  );
}

const bleLabels: Record<BleState, MessageKey> = {
  unsupported: 'relay.ble.unsupported',
  idle: 'relay.ble.idle',
  choosing: 'relay.ble.choosing',
  connecting: 'relay.ble.connecting',
  connected: 'relay.ble.connected',
  disconnected: 'relay.ble.disconnected',
  error: 'relay.ble.error',
};

function RelayControls({ ready, pairing, onForget }: { ready: Ready; pairing: StoredPairing; onForget: () => Promise<void> }) {
  const { t, fmt } = useI18n();
  // Readings are stamped with the server's time (GET /api/v1/time), not the phone's: a phone clock seconds off would
  // otherwise have every relayed reading flagged as clock-doubtful, or placed wrongly on the doctor's chart.
  const [session] = useState(() => new RelaySession(pairing, ready.outbox, browserBluetooth(), serverNow));
  const s = useSyncExternalStore(session.subscribe, session.getSnapshot);
  useEffect(() => {
    void syncServerClock().catch(() => undefined); // offline: the phone's own clock until the next visit
    return () => void session.dispose();
  }, [session]);

  const o = s.outbox;
  const busy = s.ble === 'choosing' || s.ble === 'connecting';
  return (
    <div className="relay__body">
      <dl className="relay__facts">
        <div>
          <dt>{t('relay.device')}</dt>
          <dd className="table__mono" data-testid="relay-device-id">
            {pairing.deviceId}
          </dd>
        </div>
        <div>
          <dt>{t('relay.strap')}</dt>
          <dd data-testid="relay-ble-state" data-state={s.ble}>
            {t(bleLabels[s.ble])}
            {s.strapName && s.ble !== 'unsupported' ? ` · ${s.strapName}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('relay.lastHeartRate')}</dt>
          <dd className="relay__rate" data-testid="relay-heart-rate">
            {s.lastHeartRate === null ? '—' : `${fmt.vitalNumber('heart_rate', s.lastHeartRate)} ${t('relay.bpm')}`}
          </dd>
        </div>
        <div>
          <dt>{t('relay.queued')}</dt>
          <dd data-testid="relay-queued">{o.queuedReadings}</dd>
        </div>
        <div>
          <dt>{t('relay.sent')}</dt>
          <dd data-testid="relay-sent">{o.sentReadings}</dd>
        </div>
      </dl>

      {s.lastContact === 'notDetected' && <p className="relay__hint">{t('relay.noContact')}</p>}
      {o.state === 'waiting' && (
        <p className="relay__hint" role="status" data-testid="relay-waiting">
          {t('relay.waiting')}
        </p>
      )}
      {o.state === 'unauthorized' && (
        <p className="notice notice--error" role="alert" data-testid="relay-unauthorized">
          {t('relay.unauthorized')}
        </p>
      )}
      {(o.rejectedReadings > 0 || o.heldBatches > 0) && (
        <p className="relay__hint" data-testid="relay-refused">
          {t('relay.refused', { n: o.rejectedReadings, batches: o.heldBatches })}
        </p>
      )}
      {s.malformed > 0 && (
        <p className="relay__hint" data-testid="relay-malformed">
          {t('relay.malformed', { n: s.malformed })}
        </p>
      )}
      {s.error && (
        <p className="notice notice--error" role="alert">
          {t('relay.ble.failed', { message: s.error })}
        </p>
      )}

      <div className="relay__actions">
        {s.ble === 'connected' ? (
          <button type="button" className="button" onClick={() => void session.disconnect()} data-testid="relay-stop">
            {t('relay.stop')}
          </button>
        ) : s.ble === 'disconnected' ? (
          <button type="button" className="button button--primary" onClick={() => void session.reconnect()} data-testid="relay-start">
            {t('relay.reconnect')}
          </button>
        ) : (
          <button
            type="button"
            className="button button--primary"
            disabled={busy || s.ble === 'unsupported'}
            onClick={() => void session.connect()}
            data-testid="relay-start"
          >
            {t('relay.start')}
          </button>
        )}
        {o.state === 'unauthorized' && (
          <button type="button" className="button" onClick={() => void ready.outbox.resume()}>
            {t('relay.retry')}
          </button>
        )}
        <button
          type="button"
          className="button button--quiet"
          onClick={async () => {
            await session.dispose();
            await onForget();
          }}
          data-testid="relay-forget"
        >
          {t('relay.forget')}
        </button>
      </div>
    </div>
  );
}
