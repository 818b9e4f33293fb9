import type { ParticipantDto } from './types';

// Guests (docs/consultation-protocol.md, "Guests"): the doctor's invitations, remembered in this
// browser so that a guest in the participants list can be matched to its invitation (the vitals
// switch needs the invitation's id; the hub lists guests by their account's user id).

/** The full address of an invitation link: this site's origin and the server's `joinPath`. */
export function joinUrl(origin: string, joinPath: string): string {
  return origin.replace(/\/+$/, '') + (joinPath.startsWith('/') ? joinPath : `/${joinPath}`);
}

/** What the doctor's room remembers of an invitation (never the token: the link is shown once). */
export interface GuestInvite {
  guestId: number;
  name: string;
  allowVitals: boolean;
  expiresAt: string;
}

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export const guestsKey = (consultationId: number) => `fajma.guests.${consultationId}`;

export function loadInvites(store: KeyValueStore | null, consultationId: number): GuestInvite[] {
  try {
    const raw = store?.getItem(guestsKey(consultationId));
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter((g): g is GuestInvite => typeof g?.guestId === 'number' && typeof g?.name === 'string') : [];
  } catch {
    return [];
  }
}

export function saveInvites(store: KeyValueStore | null, consultationId: number, invites: readonly GuestInvite[]): void {
  try {
    store?.setItem(guestsKey(consultationId), JSON.stringify(invites));
  } catch {
    /* private mode: remembered for this page only */
  }
}

/** Adds or replaces (by guestId) an invitation. */
export function upsertInvite(invites: readonly GuestInvite[], invite: GuestInvite): GuestInvite[] {
  return [...invites.filter((g) => g.guestId !== invite.guestId), invite];
}

/**
 * The guests among the participants, each with its invitation when one matches by name (in order:
 * the n-th guest of a name takes the n-th invitation of that name). A guest without a known
 * invitation (invited from another browser) is listed without the vitals switch.
 */
export function guestRows(participants: readonly ParticipantDto[], invites: readonly GuestInvite[]): { participant: ParticipantDto; invite: GuestInvite | null }[] {
  const pool = [...invites].sort((a, b) => a.guestId - b.guestId);
  return participants
    .filter((p) => p.role === 'guest')
    .sort((a, b) => a.userId - b.userId)
    .map((participant) => {
      const i = pool.findIndex((g) => g.name.trim().toLowerCase() === participant.name.trim().toLowerCase());
      const invite = i >= 0 ? pool.splice(i, 1)[0]! : null;
      return { participant, invite };
    });
}

/** Validity choices offered in the invite form, in minutes (the server allows 5 to 1440). */
export const VALIDITY_MINUTES = [15, 60, 240, 1440] as const;

/** The invite form's checks: a name of 1 to 100 characters. */
export function inviteNameError(name: string): 'required' | 'tooLong' | null {
  const n = name.trim();
  if (!n) return 'required';
  if (n.length > 100) return 'tooLong';
  return null;
}
