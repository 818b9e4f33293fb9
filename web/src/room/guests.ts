import type { ParticipantDto } from '../consultation/types';

// Guests (docs/consultation-protocol.md, "Guests"): the participants list names each guest's
// invitation (`guestId`) and vitals permission (`maySeeVitals`); the doctor's invitations are also
// remembered in this browser, only as a fallback for a participant without them.

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
 * The guests among the participants, each with its invitation. The server names it
 * (`guestId`, `maySeeVitals`); for a participant without those (an older server), the n-th guest of
 * a name takes the n-th remembered invitation of that name. A guest with neither (invited from
 * another browser, older server) is listed without the vitals switch.
 */
export function guestRows(participants: readonly ParticipantDto[], invites: readonly GuestInvite[]): { participant: ParticipantDto; invite: GuestInvite | null }[] {
  const guests = participants.filter((p) => p.role === 'guest').sort((a, b) => a.userId - b.userId);
  const claimed = new Set(guests.map((p) => p.guestId).filter((id): id is number => id != null));
  const pool = invites.filter((g) => !claimed.has(g.guestId)).sort((a, b) => a.guestId - b.guestId);
  return guests.map((participant) => {
    if (participant.guestId != null) {
      const known = invites.find((g) => g.guestId === participant.guestId);
      return {
        participant,
        invite: {
          guestId: participant.guestId,
          name: participant.name,
          allowVitals: participant.maySeeVitals ?? known?.allowVitals ?? false,
          expiresAt: known?.expiresAt ?? '',
        },
      };
    }
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
