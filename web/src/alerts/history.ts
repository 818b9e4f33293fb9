import type { AlertQuery } from './api';
import type { AlertDto } from './types';

export const PAGE_SIZE = 50;

/** The history page's filters as typed in its form ('' = any). */
export interface HistoryFilters {
  status: '' | 'active' | 'raised' | 'acknowledged' | 'resolved';
  severity: string;
  kind: string;
  patientId: string;
  /** A `datetime-local` value (local time), or ''. */
  from: string;
}

export const NO_FILTERS: HistoryFilters = { status: '', severity: '', kind: '', patientId: '', from: '' };

/** The `GET /api/v1/alerts` query for these filters; `before` pages on (the raisedAt of the last alert shown). */
export function historyQuery(f: HistoryFilters, before?: string, limit = PAGE_SIZE): AlertQuery {
  const q: AlertQuery = { limit };
  if (f.status) q.status = f.status;
  if (f.severity) q.severity = f.severity;
  if (f.kind) q.kind = f.kind;
  if (f.patientId && /^\d+$/.test(f.patientId)) q.patientId = Number(f.patientId);
  if (f.from) {
    const at = new Date(f.from); // datetime-local: read as local time
    if (!Number.isNaN(at.getTime())) q.from = at.toISOString();
  }
  if (before) q.before = before;
  return q;
}

/** Appends a page, without duplicates (an alert raised at the very `before` instant may come twice); `more` when the page was full. */
export function appendPage(shown: readonly AlertDto[], page: readonly AlertDto[], limit = PAGE_SIZE): { items: AlertDto[]; more: boolean; before: string | undefined } {
  const seen = new Set(shown.map((a) => a.id));
  const items = [...shown, ...page.filter((a) => !seen.has(a.id))];
  return { items, more: page.length >= limit, before: items.at(-1)?.raisedAt };
}
