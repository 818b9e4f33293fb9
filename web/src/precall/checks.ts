import type { MessageKey } from '../i18n/en';

// The pre-call checks' verdicts, kept apart from the browser APIs so they can be tested: each check
// ends in pass / warn / fail with one plain sentence of advice.

export type CheckId = 'camera' | 'microphone' | 'speaker' | 'server' | 'ice';
export type CheckStatus = 'running' | 'pass' | 'warn' | 'fail';

export interface CheckResult {
  status: CheckStatus;
  advice: MessageKey;
  /** Values for the advice's placeholders ({ms}, {types}). */
  values?: Record<string, string | number>;
}

export const CHECK_IDS: readonly CheckId[] = ['camera', 'microphone', 'speaker', 'server', 'ice'];

export const RUNNING: CheckResult = { status: 'running', advice: 'precall.running' };

/** Why the camera or microphone could not be opened, from getUserMedia's error name. */
export type MediaProblem = 'denied' | 'notFound' | 'busy' | 'other';

export function mediaProblemOf(error: unknown): MediaProblem {
  const name = (error as { name?: string } | null)?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'other';
}

/** The level of one frame of an AnalyserNode's time-domain bytes (silence is 128): RMS, 0 to 1. */
export function levelOf(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = (samples[i]! - 128) / 128;
    sum += v * v;
  }
  return Math.min(1, Math.sqrt(sum / samples.length));
}

/** A level a voice reaches at a normal distance; below it the microphone hears nearly nothing. */
export const VOICE_LEVEL = 0.02;

export function cameraResult(problem: MediaProblem | null, width: number): CheckResult {
  if (problem) return { status: 'fail', advice: `precall.camera.${problem}` };
  if (width > 0 && width < 320) return { status: 'warn', advice: 'precall.camera.low', values: { width } };
  return { status: 'pass', advice: 'precall.camera.ok' };
}

/** From the loudest level heard while listening. */
export function microphoneResult(problem: MediaProblem | null, peak: number): CheckResult {
  if (problem) return { status: 'fail', advice: `precall.microphone.${problem}` };
  if (peak >= VOICE_LEVEL) return { status: 'pass', advice: 'precall.microphone.ok' };
  if (peak > 0) return { status: 'warn', advice: 'precall.microphone.quiet' };
  return { status: 'warn', advice: 'precall.microphone.silent' };
}

/** The person's own answer after the test tone. */
export function speakerResult(heard: boolean | null): CheckResult {
  if (heard === null) return { status: 'warn', advice: 'precall.speaker.untested' };
  return heard ? { status: 'pass', advice: 'precall.speaker.ok' } : { status: 'fail', advice: 'precall.speaker.notHeard' };
}

/** Median of the round trips to the server (null: it could not be reached). */
export function serverResult(roundTripsMs: readonly number[] | null): CheckResult {
  if (!roundTripsMs || roundTripsMs.length === 0) return { status: 'fail', advice: 'precall.server.unreachable' };
  const sorted = [...roundTripsMs].sort((a, b) => a - b);
  const ms = Math.round(sorted[Math.floor(sorted.length / 2)]!);
  if (ms < 300) return { status: 'pass', advice: 'precall.server.ok', values: { ms } };
  if (ms < 1000) return { status: 'warn', advice: 'precall.server.slow', values: { ms } };
  return { status: 'fail', advice: 'precall.server.tooSlow', values: { ms } };
}

/**
 * From the ICE candidate types gathered with the server's ICE servers: a relay candidate proves the
 * TURN server answers (calls work even behind strict firewalls); srflx, that STUN answers; host only
 * means the call must find a direct path.
 */
export function iceResult(types: ReadonlySet<string>, servers: { stun: boolean; turn: boolean }): CheckResult {
  const found = [...types].sort().join(', ');
  if (types.has('relay')) return { status: 'pass', advice: 'precall.ice.relay', values: { types: found } };
  if (servers.turn) return { status: 'warn', advice: types.size > 0 ? 'precall.ice.noRelay' : 'precall.ice.none', values: { types: found } };
  if (types.has('srflx')) return { status: 'pass', advice: 'precall.ice.direct', values: { types: found } };
  if (types.has('host')) return servers.stun
    ? { status: 'warn', advice: 'precall.ice.localOnly', values: { types: found } }
    : { status: 'pass', advice: 'precall.ice.lan', values: { types: found } };
  return { status: 'fail', advice: 'precall.ice.none', values: { types: found } };
}

/** The page's summary: the worst of the finished checks (running ones do not count yet). */
export function overall(results: Partial<Record<CheckId, CheckResult>>): CheckStatus {
  const all = CHECK_IDS.map((id) => results[id]?.status ?? 'running');
  if (all.includes('fail')) return 'fail';
  if (all.includes('running')) return 'running';
  return all.includes('warn') ? 'warn' : 'pass';
}
