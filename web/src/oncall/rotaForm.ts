import type { MessageKey } from '../i18n/en';
import type { RotaDto, RotaRequest } from './rotaApi';

/** How shifts are cut: one handover a day, one a week, or two a day (12-hour shifts). */
export type ShiftPattern = 'daily' | 'weekly' | 'twelveHours';

/** The editor's draft of a rota: what the admin types, before the server checks it. */
export interface RotaDraft {
  name: string;
  timeZone: string;
  pattern: ShiftPattern;
  /** HH:mm, the (first) handover time. */
  handover: string;
  /** HH:mm, the second handover of 12-hour shifts. */
  secondHandover: string;
  /** yyyy-MM-dd, the day of the first handover. */
  startsOn: string;
  members: number[];
}

export function emptyDraft(timeZone: string, today: string): RotaDraft {
  return { name: '', timeZone, pattern: 'weekly', handover: '08:00', secondHandover: '20:00', startsOn: today, members: [] };
}

export function draftOf(rota: RotaDto): RotaDraft {
  const times = rota.handoverTimes;
  const [startsOn = '', firstTime = '08:00'] = rota.firstHandover.split('T');
  const pattern: ShiftPattern = times.length > 1 ? 'twelveHours' : rota.cycleDays >= 7 ? 'weekly' : 'daily';
  const second = times.find((t) => t !== firstTime) ?? '20:00';
  return {
    name: rota.name,
    timeZone: rota.timeZone,
    pattern,
    handover: firstTime,
    secondHandover: second,
    startsOn,
    members: rota.members.map((m) => m.doctorId),
  };
}

/** The request for `POST`/`PUT /api/v1/rotas`: the first shift starts on `startsOn` at the first handover time. */
export function requestOf(draft: RotaDraft): RotaRequest {
  const twelve = draft.pattern === 'twelveHours';
  return {
    name: draft.name.trim(),
    timeZone: draft.timeZone.trim(),
    firstHandover: `${draft.startsOn}T${draft.handover}`,
    handoverTimes: twelve ? [draft.handover, draft.secondHandover] : [draft.handover],
    cycleDays: draft.pattern === 'weekly' ? 7 : 1,
    members: draft.members,
  };
}

/** Moves the member at `index` one place up (-1) or down (+1); out of range changes nothing. */
export function moveMember(members: readonly number[], index: number, by: -1 | 1): number[] {
  const to = index + by;
  if (index < 0 || index >= members.length || to < 0 || to >= members.length) return [...members];
  const next = [...members];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

/** Where a server validation error shows in the editor ("members[1]" under the members, "handoverTimes[0]" under the time). */
export function fieldOf(key: string): 'name' | 'timeZone' | 'handover' | 'startsOn' | 'members' | 'pattern' | 'doctorId' | 'from' | 'to' | 'form' {
  const base = key.replace(/\[\d+\]$/, '');
  switch (base) {
    case 'name':
    case 'timeZone':
    case 'members':
    case 'doctorId':
    case 'from':
    case 'to':
      return base;
    case 'handoverTimes':
      return 'handover';
    case 'firstHandover':
      return 'startsOn';
    case 'cycleDays':
      return 'pattern';
    default:
      return 'form';
  }
}

/** The editor's words for a server message it knows (others are shown as the server wrote them). */
export function messageFor(field: string, serverMessage: string): MessageKey | null {
  if (field === 'timeZone') return 'oncall.error.zone';
  if (field.startsWith('members')) return 'oncall.error.member';
  if (field === 'name' && serverMessage.includes('exists')) return 'oncall.error.nameTaken';
  if (field === 'from' && serverMessage.includes('overlaps')) return 'oncall.error.overlap';
  return null;
}
