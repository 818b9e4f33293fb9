import { ApiError } from '../api/client';

/** A refused request's message per field (`errors` of a validation problem), or the problem's detail under `form`. */
export function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return { form: e instanceof Error ? e.message : String(e) };
  const errors = (e.problem?.errors ?? {}) as Record<string, string[]>;
  const out: Record<string, string> = {};
  for (const [key, messages] of Object.entries(errors)) out[key.charAt(0).toLowerCase() + key.slice(1)] = messages[0] ?? '';
  if (Object.keys(out).length === 0) out.form = e.problem?.detail ?? e.problem?.title ?? e.message;
  return out;
}
