import { describe, expect, test } from 'vitest';
import { addPending, EMPTY_CHAT, markFailed, markRetrying, mergeChat, newestSequence, unreadCount } from './chat';
import type { ChatMessageDto } from '../consultation/types';

const msg = (sequence: number, over: Partial<ChatMessageDto> = {}): ChatMessageDto => ({
  consultationId: 1,
  sequence,
  clientMessageId: `c-${sequence}`,
  senderId: 10,
  senderRole: 'doctor',
  senderName: 'Dr A',
  text: `m${sequence}`,
  sentAt: new Date(1_700_000_000_000 + sequence * 1000).toISOString(),
  ...over,
});

const seqs = (s: { items: readonly { sequence: number | null }[] }) => s.items.map((i) => i.sequence);

describe('mergeChat', () => {
  test('orders by sequence whatever the arrival order', () => {
    const s = mergeChat(EMPTY_CHAT, [msg(3), msg(1), msg(2)]);
    expect(seqs(s)).toEqual([1, 2, 3]);
    expect(s.lastSequence).toBe(3);
  });

  test('one entry per sequence: an echo or a resync overlap adds nothing', () => {
    const a = mergeChat(EMPTY_CHAT, [msg(1), msg(2)]);
    const b = mergeChat(a, [msg(2), msg(1)]);
    expect(b).toBe(a); // same object: nothing changed, no re-render
    expect(seqs(mergeChat(a, [msg(2), msg(3)]))).toEqual([1, 2, 3]);
  });

  test('lastSequence stops at the first gap, so a resync asks for what is missing', () => {
    const s = mergeChat(EMPTY_CHAT, [msg(1), msg(2), msg(5)]);
    expect(s.lastSequence).toBe(2);
    expect(newestSequence(s)).toBe(5);
    const filled = mergeChat(s, [msg(3), msg(4)]);
    expect(filled.lastSequence).toBe(5);
    expect(seqs(filled)).toEqual([1, 2, 3, 4, 5]);
  });

  test('the confirmed message replaces the pending one with the same clientMessageId', () => {
    let s = mergeChat(EMPTY_CHAT, [msg(1)]);
    s = addPending(s, { clientMessageId: 'mine', senderId: 20, senderRole: 'patient', senderName: 'P', text: 'hello', sentAt: new Date().toISOString() });
    expect(s.items.map((i) => i.status)).toEqual(['sent', 'pending']);
    // Another message lands before ours is confirmed: it goes before the pending one.
    s = mergeChat(s, [msg(2)]);
    expect(seqs(s)).toEqual([1, 2, null]);
    s = mergeChat(s, [msg(3, { clientMessageId: 'mine', senderId: 20, text: 'hello' })]);
    expect(seqs(s)).toEqual([1, 2, 3]);
    expect(s.items.every((i) => i.status === 'sent')).toBe(true);
    // The hub echo of the same message after the invoke answer: still one copy.
    expect(mergeChat(s, [msg(3, { clientMessageId: 'mine' })])).toBe(s);
  });

  test('a failed message can be retried and is then confirmed once', () => {
    let s = addPending(EMPTY_CHAT, { clientMessageId: 'x', senderId: 1, senderRole: 'doctor', senderName: 'D', text: 't', sentAt: '2025-01-01T00:00:00Z' });
    s = markFailed(s, 'x');
    expect(s.items[0]!.status).toBe('failed');
    expect(markFailed(s, 'x')).toBe(s);
    s = markRetrying(s, 'x');
    expect(s.items[0]!.status).toBe('pending');
    s = mergeChat(s, [msg(1, { clientMessageId: 'x' }), msg(1, { clientMessageId: 'x' })]);
    expect(s.items).toHaveLength(1);
    expect(s.items[0]!.status).toBe('sent');
  });

  test('ignores garbage sequences', () => {
    expect(mergeChat(EMPTY_CHAT, [msg(1, { sequence: Number.NaN })])).toBe(EMPTY_CHAT);
  });
});

describe('unread and ids', () => {
  test('counts only others’ messages after my read mark', () => {
    const s = mergeChat(EMPTY_CHAT, [msg(1), msg(2, { senderId: 20 }), msg(3), msg(4)]);
    expect(unreadCount(s, 20, 0)).toBe(3);
    expect(unreadCount(s, 20, 3)).toBe(1);
    expect(unreadCount(s, 10, 0)).toBe(1);
  });
});
