import { expect, test } from '@playwright/test';
import { bearer, DOCTOR, login } from './login';
import { PushReceiver } from './push-receiver';

const RULE = 'heart_rate:high';

interface Alert {
  id: string;
  rule: string;
  status: string;
  acknowledgedBy: number | null;
}

/** The service worker's global scope as the test uses it (the DOM library has no worker types here). */
interface WorkerScope {
  registration: ServiceWorkerRegistration;
  onNotificationClick: (n: Notification, action: string) => Promise<void>;
}

interface Delivery {
  channel: string;
  status: string;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
}

test('a push page reaches the service worker with the tab closed, shows its notification and acknowledges the alert from it', async ({ context, page, baseURL }) => {
  test.setTimeout(150_000);
  const api = page.request;
  const doctor = await bearer(api, DOCTOR);
  const me = (await (await api.get('/api/v1/auth/me', { headers: doctor })).json()) as { id: number };
  const receiver = new PushReceiver();
  await receiver.start();
  const subscription = receiver.subscription();
  try {
    // The browser as a real one would be: notifications allowed, the app's service worker registered at sign-in.
    await context.grantPermissions(['notifications'], { origin: baseURL });
    const registered = context.waitForEvent('serviceworker');
    await login(page, DOCTOR);
    const worker = await registered;
    expect(worker.url()).toMatch(/\/sw\.js$/);
    expect((await api.post('/api/v1/push/subscriptions', { headers: doctor, data: subscription })).status()).toBe(201);

    // The DevTools session lives on a blank tab, so the app's tab can be closed: the page must not need it.
    const blank = await context.newPage();
    const cdp = await context.newCDPSession(blank);
    const registrations = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string }[] }) => {
        const found = e.registrations.find((r) => r.scopeURL.startsWith(baseURL!));
        if (found) resolve(found.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registrations;
    await page.close();

    // A critical alert for the last of the doctor's patients (the alerts spec uses the first).
    const patients = (await (await api.get('/api/v1/patients', { headers: doctor })).json()) as { id: number }[];
    const patientId = patients[patients.length - 1]!.id;
    const open = (await (await api.get(`/api/v1/alerts?status=active&patientId=${patientId}`, { headers: doctor })).json()) as Alert[];
    for (const a of open.filter((x) => x.rule === RULE))
      await api.post(`/api/v1/alerts/${a.id}/resolve`, { headers: doctor, data: { note: 'Cleared before the paging test' } });
    expect((await api.post('/api/v1/demo/episodes', { headers: doctor, data: { patientId, kind: 'tachycardia' } })).status()).toBe(204);

    let alert: Alert | undefined;
    await expect
      .poll(async () => {
        const active = (await (await api.get(`/api/v1/alerts?status=active&patientId=${patientId}`, { headers: doctor })).json()) as Alert[];
        alert = active.find((a) => a.rule === RULE && a.status === 'raised');
        return !!alert;
      }, { timeout: 60_000 })
      .toBe(true);
    const pushed = await receiver.next((p) => p.alertId === alert!.id, 30_000);
    expect(pushed.severity).toBe('critical');

    await cdp.send('ServiceWorker.deliverPushMessage', { origin: new URL(baseURL!).origin, registrationId, data: JSON.stringify(pushed) });

    // The notification is up (no tab open), with its acknowledge button; the service worker reported it delivered.
    const sw = context.serviceWorkers().find((w) => w.url().endsWith('/sw.js'))!;
    await expect
      .poll(() => sw.evaluate(async () => (await (self as unknown as WorkerScope).registration.getNotifications()).map((n: Notification) => n.tag)), { timeout: 10_000 })
      .toContain(alert!.id);
    const shown = await sw.evaluate(async (tag) => {
      const n = (await (self as unknown as WorkerScope).registration.getNotifications({ tag }))[0]!;
      return { title: n.title, requireInteraction: n.requireInteraction, actions: (n as unknown as { actions: { action: string }[] }).actions.map((a) => a.action) };
    }, alert!.id);
    expect(shown).toMatchObject({ requireInteraction: true, actions: ['acknowledge'] });
    expect(shown.title).toBe(pushed.title);

    // The doctor presses "Acknowledge" on the notification: the service worker's click handler runs as Chromium would run it.
    await sw.evaluate(async (tag) => {
      const scope = self as unknown as WorkerScope;
      const [n] = await scope.registration.getNotifications({ tag });
      await scope.onNotificationClick(n!, 'acknowledge');
    }, alert!.id);

    await expect
      .poll(async () => {
        const acknowledged = (await (await api.get(`/api/v1/alerts?status=acknowledged&patientId=${patientId}`, { headers: doctor })).json()) as Alert[];
        return acknowledged.find((a) => a.id === alert!.id)?.acknowledgedBy ?? null;
      }, { timeout: 10_000 })
      .toBe(me.id);
    const deliveries = (await (await api.get(`/api/v1/alerts/${alert!.id}/deliveries`, { headers: doctor })).json()) as Delivery[];
    const push = deliveries.find((d) => d.channel === 'push')!;
    expect(push.status).toBe('acknowledged');
    expect(push.deliveredAt).not.toBeNull();
  } finally {
    await api.delete(`/api/v1/push/subscriptions?endpoint=${encodeURIComponent(subscription.endpoint)}`, { headers: doctor });
    await receiver.stop();
  }
});
