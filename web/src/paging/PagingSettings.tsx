import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/useI18n';
import { PAGE_CHANNELS, pagingApi, type PageChannel, type PagingContactDto } from './api';
import { DeliveryTimeline } from './DeliveryTimeline';
import { disablePush, enablePush, pushState, type PushState } from './push';

/**
 * Where I am paged when Fajma is not open: this browser's push notifications, my phone for SMS and calls, my e-mail —
 * and a test alarm per channel, whose receipts show at once whether it reached me.
 */
export function PagingSettings() {
  const { t, lang } = useI18n();
  const [push, setPush] = useState<PushState | null>(null);
  const [contact, setContact] = useState<PagingContactDto | null>(null);
  const [phone, setPhone] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [test, setTest] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void pushState().then(setPush);
    void pagingApi.contact().then((c) => {
      setContact(c);
      setPhone(c.phone ?? '');
    });
  }, []);

  const act = async (work: () => Promise<string | void>) => {
    setBusy(true);
    setMessage(null);
    try {
      const done = await work();
      if (done) setMessage({ text: done, error: false });
    } catch (e) {
      const field = e instanceof ApiError ? Object.values(e.problem?.errors ?? {})[0]?.[0] : null;
      setMessage({ text: field ?? (e instanceof Error ? e.message : String(e)), error: true });
    } finally {
      setBusy(false);
    }
  };

  const savePhone = () =>
    act(async () => {
      const saved = await pagingApi.setContact(phone.trim() || null);
      setContact(saved);
      setPhone(saved.phone ?? '');
      return t('paging.phoneSaved');
    });
  const togglePush = () => act(async () => setPush(await (push === 'on' ? disablePush() : enablePush(lang))));
  const sendTest = (channel: PageChannel) =>
    act(async () => {
      const sent = await pagingApi.testAlarm(channel);
      setTest(sent.id);
      return sent.deliveries.length === 0 ? t('paging.testNothing') : undefined;
    });

  const available: Record<PageChannel, boolean> = {
    push: push === 'on',
    sms: !!contact?.smsAvailable && !!contact.phone,
    voice: !!contact?.smsAvailable && !!contact.phone,
    email: !!contact?.emailAvailable,
  };
  return (
    <section className="paging" aria-labelledby="paging-title" data-testid="paging-settings">
      <h3 id="paging-title" className="paging__title">{t('paging.title')}</h3>
      <p className="field__hint">{t('paging.intro')}</p>
      <div className="paging__row">
        <span className="paging__status" data-testid="paging-push-state">{push ? t(`paging.push.${push}`) : t('paging.loading')}</span>
        {(push === 'on' || push === 'off') && (
          <button type="button" className="button button--small" disabled={busy} onClick={() => void togglePush()} data-testid="paging-push-toggle">
            {push === 'on' ? t('paging.push.disable') : t('paging.push.enable')}
          </button>
        )}
      </div>
      <label className="field__row paging__row">
        <span className="field__hint">{t('paging.phone')}</span>
        <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="+33 6 12 34 56 78" autoComplete="tel" data-testid="paging-phone" />
        <button type="button" className="button button--small" disabled={busy} onClick={() => void savePhone()} data-testid="paging-phone-save">
          {t('paging.phoneSave')}
        </button>
      </label>
      {contact && !contact.smsAvailable && <p className="field__hint">{t('paging.noGateway')}</p>}
      {contact && <p className="field__hint">{contact.emailAvailable ? t('paging.email', { email: contact.email }) : t('paging.noMail')}</p>}
      <div className="paging__row" role="group" aria-label={t('paging.test')}>
        <span className="field__hint">{t('paging.test')}</span>
        {PAGE_CHANNELS.map((channel) => (
          <button key={channel} type="button" className="button button--small button--quiet" disabled={busy || !available[channel]}
            onClick={() => void sendTest(channel)} data-testid={`paging-test-${channel}`}>
            {t(`paging.channel.${channel}`)}
          </button>
        ))}
      </div>
      {message && <p className={message.error ? 'field__error' : 'field__hint'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {test && <DeliveryTimeline key={test} alertId={test} now={Date.now()} />}
    </section>
  );
}
