/*
 * Fajma's service worker: a page pushed while no Fajma tab is open is always shown, and reports on itself to the server
 * with its own token (delivered as it arrives, read when opened, acknowledged from its button) — no session needed.
 * Plain JavaScript: the browser loads it as is from /sw.js (scope /).
 */
const LABELS = {
  en: { acknowledge: 'Acknowledge', critical: 'Critical alert', major: 'Major alert', warning: 'Warning', test: 'Test alarm: Fajma can reach you here.' },
  fr: { acknowledge: 'Je prends', critical: 'Alerte critique', major: 'Alerte majeure', warning: 'Avertissement', test: 'Alarme de test : Fajma peut vous joindre ici.' },
};
const labels = () => LABELS[(self.navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en'];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** Tells the server what became of a page; a lost receipt is not worth a retry loop (the escalation ladder covers it). */
function receipt(page, status) {
  return fetch(page.receiptUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token: page.token, status }),
    credentials: 'omit',
  }).catch(() => undefined);
}

/**
 * A patient's nudge or a visit reminder (severity "nudge", "visit"): the server wrote it in the person's language; no acknowledge button. Once put
 * right (close), its notification is replaced, quietly, under the same tag — a push must still show something.
 */
async function onNudge(page) {
  if (page.close) for (const n of await self.registration.getNotifications({ tag: page.alertId })) n.close();
  await self.registration.showNotification(page.title, {
    body: page.body,
    tag: page.alertId,
    renotify: !page.close,
    silent: !!page.close,
    timestamp: Date.now(),
    data: page,
  });
  await receipt(page, 'delivered');
}

/** A push: the notification is shown whatever else happens (browsers penalise a silent push), then the receipt. */
async function onPush(page) {
  if (page.severity === 'nudge' || page.severity === 'visit') return onNudge(page);
  const l = labels();
  await self.registration.showNotification(page.title, {
    body: page.test ? l.test : l[page.severity] || page.body,
    tag: page.alertId, // a newer page about the same alert replaces the older
    renotify: true,
    requireInteraction: page.severity === 'critical',
    timestamp: Date.now(),
    data: page,
    actions: page.canAcknowledge ? [{ action: 'acknowledge', title: l.acknowledge }] : [],
  });
  await receipt(page, 'delivered');
}

/** A click: the button acknowledges without opening anything; the notification itself opens the alert. */
async function onNotificationClick(notification, action) {
  const page = notification.data;
  notification.close();
  if (!page) return;
  if (action === 'acknowledge') return receipt(page, 'acknowledged');
  await receipt(page, 'read');
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => 'focus' in w);
  if (open) {
    await open.navigate(page.url).catch(() => undefined);
    return open.focus();
  }
  return self.clients.openWindow(page.url);
}

self.addEventListener('push', (event) => {
  let page = null;
  try {
    page = event.data ? event.data.json() : null;
  } catch {
    page = null;
  }
  if (!page) return;
  event.waitUntil(onPush(page));
});

self.addEventListener('notificationclick', (event) => event.waitUntil(onNotificationClick(event.notification, event.action)));
