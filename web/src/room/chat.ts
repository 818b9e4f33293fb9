import type { ChatMessageDto } from '../consultation/types';

/** A message in the panel: confirmed by the server (has a sequence) or still on its way. */
export interface ChatItem {
  clientMessageId: string;
  /** The server's order; null while pending. */
  sequence: number | null;
  senderId: number;
  senderRole: ChatMessageDto['senderRole'];
  senderName: string;
  text: string;
  sentAt: string;
  status: 'sent' | 'pending' | 'failed';
}

export interface ChatState {
  /** Confirmed messages in `sequence` order, then pending/failed ones in the order they were typed. */
  items: readonly ChatItem[];
  /** Highest sequence held without a gap from the start (what `GetChatSince` resumes after). */
  lastSequence: number;
}

export const EMPTY_CHAT: ChatState = { items: [], lastSequence: 0 };

const fromDto = (m: ChatMessageDto): ChatItem => ({
  clientMessageId: m.clientMessageId,
  sequence: m.sequence,
  senderId: m.senderId,
  senderRole: m.senderRole,
  senderName: m.senderName,
  text: m.text,
  sentAt: m.sentAt,
  status: 'sent',
});

/**
 * Merges messages from the server (the `chatMessage` event, a `GetChatSince` page, the answer to
 * our own send) into the state: ordered by sequence, one entry per sequence, and a confirmed
 * message replaces the pending one with the same `clientMessageId`. Returns the same state object
 * when nothing changed.
 */
export function mergeChat(state: ChatState, incoming: readonly ChatMessageDto[]): ChatState {
  if (incoming.length === 0) return state;
  const bySeq = new Map<number, ChatItem>();
  const pending: ChatItem[] = [];
  for (const item of state.items) {
    if (item.sequence != null) bySeq.set(item.sequence, item);
    else pending.push(item);
  }
  let changed = false;
  const confirmedIds = new Set<string>();
  for (const m of incoming) {
    if (!Number.isFinite(m.sequence)) continue;
    confirmedIds.add(m.clientMessageId);
    if (bySeq.has(m.sequence)) continue; // already held (the echo of our own send, a resync overlap)
    bySeq.set(m.sequence, fromDto(m));
    changed = true;
  }
  const stillPending = pending.filter((p) => !confirmedIds.has(p.clientMessageId));
  if (stillPending.length !== pending.length) changed = true;
  if (!changed) return state;
  const confirmed = [...bySeq.values()].sort((a, b) => a.sequence! - b.sequence!);
  return { items: [...confirmed, ...stillPending], lastSequence: contiguousUpTo(confirmed, state.lastSequence) };
}

/** The highest sequence reached without a gap from `from`. Sequences start at 1. */
function contiguousUpTo(sorted: readonly ChatItem[], from: number): number {
  let last = from;
  for (const item of sorted) {
    const s = item.sequence!;
    if (s <= last) continue;
    if (s === last + 1) last = s;
    else break;
  }
  return last;
}

/** Adds a message typed here, shown at once as pending. */
export function addPending(
  state: ChatState,
  msg: { clientMessageId: string; senderId: number; senderRole: ChatItem['senderRole']; senderName: string; text: string; sentAt: string },
): ChatState {
  return { ...state, items: [...state.items, { ...msg, sequence: null, status: 'pending' }] };
}

/** Marks a pending message as failed (the send was refused or the connection dropped). */
export function markFailed(state: ChatState, clientMessageId: string): ChatState {
  let changed = false;
  const items = state.items.map((i) => {
    if (i.clientMessageId !== clientMessageId || i.sequence != null || i.status === 'failed') return i;
    changed = true;
    return { ...i, status: 'failed' as const };
  });
  return changed ? { ...state, items } : state;
}

/** Puts a failed message back to pending before a retry (same clientMessageId: the server dedupes). */
export function markRetrying(state: ChatState, clientMessageId: string): ChatState {
  let changed = false;
  const items = state.items.map((i) => {
    if (i.clientMessageId !== clientMessageId || i.status !== 'failed') return i;
    changed = true;
    return { ...i, status: 'pending' as const };
  });
  return changed ? { ...state, items } : state;
}

/** Messages from others after what I have read. */
export function unreadCount(state: ChatState, myUserId: number, readUpTo: number): number {
  return state.items.filter((i) => i.sequence != null && i.sequence > readUpTo && i.senderId !== myUserId).length;
}

/** The newest confirmed sequence, for read marks. */
export function newestSequence(state: ChatState): number {
  let max = 0;
  for (const i of state.items) if (i.sequence != null && i.sequence > max) max = i.sequence;
  return max;
}
