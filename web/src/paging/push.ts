import { pagingApi } from './api';

export type PushState = 'unsupported' | 'denied' | 'off' | 'on';

/**
 * The service worker (public/sw.js) shows pages pushed while no Fajma tab is open and reports on them with the page's
 * own token. Registered for every signed-in clinician, so a push subscription made on another day still finds it.
 */
export function registerPageWorker(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator)) return Promise.resolve(null);
  return navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => null);
}

export async function pushState(): Promise<PushState> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ? 'on' : 'off';
}

/**
 * Asks for permission, subscribes this browser with the server's VAPID key and registers it for the caller's pages,
 * in the caller's language (a patient's nudges are written in it).
 */
export async function enablePush(language?: string): Promise<PushState> {
  if ((await pushState()) === 'unsupported') return 'unsupported';
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const registration = (await registerPageWorker()) ?? (await navigator.serviceWorker.ready);
  const { publicKey } = await pagingApi.vapidKey();
  const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) });
  await pagingApi.subscribe(subscription.toJSON(), language);
  return 'on';
}

export async function disablePush(): Promise<PushState> {
  const subscription = await (await navigator.serviceWorker.getRegistration('/'))?.pushManager.getSubscription();
  if (subscription) {
    await pagingApi.unsubscribe(subscription.endpoint);
    await subscription.unsubscribe();
  }
  return 'off';
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
