import { http, unwrap, unwrapEmpty } from '../api/client';
import type { components } from '../api/schema';
import type { Numbers } from '../api/types';

type Schemas = components['schemas'];
export const PAGE_CHANNELS = ['push', 'sms', 'voice', 'email'] as const;
export type PageChannel = (typeof PAGE_CHANNELS)[number];
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'acknowledged' | 'failed';
/** One page and its receipts (`GET /api/v1/alerts/{id}/deliveries`); `app` is an open Fajma tab that received the alert. */
export type PageDeliveryDto = Omit<Numbers<Schemas['PageDeliveryDto']>, 'channel' | 'status'> & { channel: PageChannel | 'app'; status: DeliveryStatus };
export type PagingContactDto = Schemas['PagingContactDto'];
export type TestAlarmDto = Omit<Schemas['TestAlarmDto'], 'deliveries'> & { deliveries: PageDeliveryDto[] };

/** Paging outside the browser (`/api/v1/push…`, `/api/v1/paging…`, test alarms and an alert's receipts). */
export const pagingApi = {
  vapidKey: () => unwrap<{ publicKey: string }>(http.GET('/api/v1/push/vapid-public-key')),
  subscribe: (subscription: PushSubscriptionJSON, language?: string) =>
    unwrapEmpty(http.POST('/api/v1/push/subscriptions', { body: { ...subscription, language: language ?? null } as Schemas['PushSubscriptionRequest'] })),
  unsubscribe: (endpoint: string) => unwrapEmpty(http.DELETE('/api/v1/push/subscriptions', { params: { query: { endpoint } } })),
  contact: () => unwrap<PagingContactDto>(http.GET('/api/v1/paging/contact')),
  setContact: (phone: string | null) => unwrap<PagingContactDto>(http.PUT('/api/v1/paging/contact', { body: { phone } })),
  testAlarm: (channel?: PageChannel) => unwrap<TestAlarmDto>(http.POST('/api/v1/alerts/test', { body: { channel: channel ?? null } })),
  deliveries: (alertId: string, signal?: AbortSignal) =>
    unwrap<PageDeliveryDto[]>(http.GET('/api/v1/alerts/{id}/deliveries', { params: { path: { id: alertId } }, signal })),
};
