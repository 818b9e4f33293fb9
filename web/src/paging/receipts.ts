import type { DeliveryStatus, PageDeliveryDto } from './api';

export type ReceiptStep = DeliveryStatus;

/** The steps a page went through, in order, each with its time: what the alert's timeline shows for it. */
export function receiptSteps(d: PageDeliveryDto): { step: ReceiptStep; at: string }[] {
  const steps: { step: ReceiptStep; at: string | null | undefined }[] = [
    { step: 'queued', at: d.createdAt },
    { step: 'sent', at: d.sentAt },
    { step: 'delivered', at: d.deliveredAt },
    { step: 'read', at: d.readAt },
    { step: 'acknowledged', at: d.acknowledgedAt },
    { step: 'failed', at: d.failedAt },
  ];
  return steps.filter((s): s is { step: ReceiptStep; at: string } => !!s.at).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** Whether the page reached the person (what stops an early escalation). */
export const reached = (d: PageDeliveryDto) => d.status === 'delivered' || d.status === 'read' || d.status === 'acknowledged';

/** Pages still on their way: the timeline keeps asking while any is. */
export const pending = (pages: readonly PageDeliveryDto[]) => pages.some((d) => d.status === 'queued' || d.status === 'sent');
