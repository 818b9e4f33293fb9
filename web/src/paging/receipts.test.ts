import { describe, expect, it } from 'vitest';
import type { PageDeliveryDto } from './api';
import { pending, reached, receiptSteps } from './receipts';

const page = (over: Partial<PageDeliveryDto>): PageDeliveryDto => ({
  id: 'd1', alertId: 'a1', userId: 1, userName: 'Dr A', channel: 'push', target: 'fcm.googleapis.com', level: 0, status: 'queued', detail: null,
  createdAt: '2026-12-02T10:00:00Z', sentAt: null, deliveredAt: null, readAt: null, acknowledgedAt: null, failedAt: null, ...over,
});

describe('receipts', () => {
  it('lists the steps a page went through in time order, skipping those it never reached', () => {
    const d = page({ status: 'acknowledged', sentAt: '2026-12-02T10:00:01Z', deliveredAt: '2026-12-02T10:00:02Z', acknowledgedAt: '2026-12-02T10:01:00Z' });
    expect(receiptSteps(d).map((s) => s.step)).toEqual(['queued', 'sent', 'delivered', 'acknowledged']);
  });

  it('shows a failed page as failed after it was sent, and a link opened later after that', () => {
    const d = page({ status: 'read', sentAt: '2026-12-02T10:00:01Z', failedAt: '2026-12-02T10:00:05Z', readAt: '2026-12-02T10:03:00Z' });
    expect(receiptSteps(d).map((s) => s.step)).toEqual(['queued', 'sent', 'failed', 'read']);
    expect(reached(d)).toBe(true);
  });

  it('counts a page as reaching the person only once delivered, read or acknowledged', () => {
    expect(reached(page({ status: 'sent' }))).toBe(false);
    expect(reached(page({ status: 'failed' }))).toBe(false);
    expect(reached(page({ status: 'delivered' }))).toBe(true);
    expect(pending([page({ status: 'failed' }), page({ status: 'sent' })])).toBe(true);
    expect(pending([page({ status: 'failed' }), page({ status: 'delivered' })])).toBe(false);
  });
});
