import { shouldCall } from './store';
import type { AlertDto, AlertPreferenceDto, Severity } from './types';

/** What to do for a live alert event: nothing, or a browser notification and/or a sound, per the user's preferences. */
export function callFor(alert: AlertDto, userId: number | null | undefined, prefs: readonly AlertPreferenceDto[] | null): { browser: boolean; sound: boolean } {
  if (!shouldCall(alert, userId)) return { browser: false, sound: false };
  const pref = prefs?.find((p) => p.severity === alert.severity) ?? DEFAULT_PREFS.find((p) => p.severity === alert.severity);
  return { browser: pref?.browser ?? false, sound: pref?.sound ?? false };
}

/** Until the server's preferences are read: the server's own defaults. */
export const DEFAULT_PREFS: readonly AlertPreferenceDto[] = [
  { severity: 'critical', browser: true, sound: true },
  { severity: 'major', browser: true, sound: false },
  { severity: 'warning', browser: false, sound: false },
];

// ---- browser notifications ----

export type Permission = NotificationPermission | 'unsupported';

export function notificationPermission(): Permission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks for permission; call from a click (browsers ignore requests without a user gesture). */
export async function askNotificationPermission(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export function showNotification(title: string, body: string, tag: string): void {
  if (notificationPermission() !== 'granted') return;
  try {
    // Same tag: a reminder or an escalation replaces the alert's earlier notification, and rings again.
    const n = new Notification(title, { body, tag, requireInteraction: false, renotify: true } as NotificationOptions);
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    /* some browsers allow notifications from a service worker only */
  }
}

// ---- sound: a few short tones from an oscillator, no audio file ----

let audio: AudioContext | null = null;

/** Creates (or resumes) the audio context: browsers let it play only after a user gesture. */
export function unlockAudio(): void {
  try {
    if (!audio && typeof AudioContext !== 'undefined') audio = new AudioContext();
    if (audio?.state === 'suspended') void audio.resume();
  } catch {
    audio = null;
  }
}

/** Tones per severity (Hz): critical two falling pairs, major one pair, warning one soft tone. */
const TONES: Record<Severity, number[]> = {
  critical: [880, 660, 880, 660],
  major: [740, 554],
  warning: [587],
};

export function playAlertSound(severity: Severity): void {
  unlockAudio();
  const ctx = audio;
  if (!ctx || ctx.state !== 'running') return;
  const start = ctx.currentTime + 0.02;
  TONES[severity].forEach((freq, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + i * 0.2;
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(severity === 'warning' ? 0.08 : 0.14, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.17);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.18);
  });
}
