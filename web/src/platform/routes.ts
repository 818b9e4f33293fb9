import { useSyncExternalStore } from 'react';
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/en';
import type { AuthState } from '../auth/session';

/** A page of the app, from the address bar. */
export type Route =
  | { screen: 'board' }
  | { screen: 'devices' }
  | { screen: 'consultations' }
  /** A doctor's alert history, with filters. */
  | { screen: 'alerts' }
  /** On-call rotas: an admin edits them, a doctor reads them. */
  | { screen: 'rotas' }
  /** A doctor's patients ranked for a look: open alerts, time out of range, coverage, NEWS2 trend, last review. */
  | { screen: 'triage' }
  | { screen: 'room'; id: number }
  | { screen: 'replay'; id: number }
  /** The camera, microphone, speaker and network test before joining (the invitation's link). */
  | { screen: 'precall'; id: number }
  /** A guest's invitation link (`/join/{token}`), opened signed in or not. */
  | { screen: 'join'; token: string }
  /** A guest's home: their consultation's room, once known. */
  | { screen: 'guestHome' }
  /** A patient's followers: invite, what each sees, stop. */
  | { screen: 'followers' }
  /** A follower's home: the patients they follow. */
  | { screen: 'following' }
  /** A patient's follower link (`/follow/{token}`), opened signed in or not. */
  | { screen: 'followJoin'; token: string }
  /** An admin's pages: accounts, patients and their care teams, the system's KPIs, erasure requests. */
  | { screen: 'accounts' }
  | { screen: 'adminPatients' }
  | { screen: 'system' }
  | { screen: 'erasure' }
  /** A clinician's two-step sign-in: turn it on (QR code, first code, recovery codes). */
  | { screen: 'security' }
  /** A patient's "My data": download the record, ask for erasure. */
  | { screen: 'privacy' };

export type Screen = 'restoring' | 'login' | Route['screen'];

/** What the page shows for a session state (at the root): admins manage devices and never see the clinical board. */
export function screenFor(state: AuthState, pathname = '/'): Screen {
  if (state.status === 'restoring') return 'restoring';
  if (state.status === 'signedOut') return 'login';
  return routeFor(pathname, state.user.role).screen;
}

/** The route for an address and role; an unknown address, or one the role has no business on, lands on the role's home. */
export function routeFor(pathname: string, role: Role): Route {
  const home: Route = role === 'admin' ? { screen: 'devices' } : role === 'follower' ? { screen: 'following' } : { screen: 'board' };
  const path = pathname.replace(/\/+$/, '') || '/';
  const token = joinTokenFrom(path);
  if (token) return { screen: 'join', token };
  const followToken = followTokenFrom(path);
  if (followToken) return { screen: 'followJoin', token: followToken };
  // A follower has one home (a page's e-mail link to /alerts lands there too).
  if (role === 'follower') return home;
  if (path === '/followers' && role === 'patient') return { screen: 'followers' };
  if (path === '/rotas' && (role === 'admin' || role === 'doctor')) return { screen: 'rotas' };
  if (path === '/security' && (role === 'admin' || role === 'doctor')) return { screen: 'security' };
  if (path === '/my-data' && role === 'patient') return { screen: 'privacy' };
  if (role === 'admin') {
    const admin = ADMIN_PATHS.find(([p]) => p === path);
    return admin ? { screen: admin[1] } : home;
  }
  if (role === 'guest') {
    const room = /^\/consultations\/(\d{1,9})$/.exec(path);
    return room ? { screen: 'room', id: Number(room[1]) } : { screen: 'guestHome' };
  }
  if (path === '/consultations') return { screen: 'consultations' };
  if (path === '/alerts' && role === 'doctor') return { screen: 'alerts' };
  if (path === '/triage' && role === 'doctor') return { screen: 'triage' };
  // Doctors see their patients' devices there and send them commands (sampling rate, read now, calibrate).
  if (path === '/devices' && role === 'doctor') return { screen: 'devices' };
  const m = /^\/consultations\/(\d{1,9})(\/replay|\/precall)?$/.exec(path);
  if (m) {
    const id = Number(m[1]);
    return m[2] === '/replay' ? { screen: 'replay', id } : m[2] === '/precall' ? { screen: 'precall', id } : { screen: 'room', id };
  }
  return home;
}

const ADMIN_PATHS = [
  ['/admin/accounts', 'accounts'],
  ['/admin/patients', 'adminPatients'],
  ['/admin/system', 'system'],
  ['/admin/erasure-requests', 'erasure'],
] as const;

export function pathFor(route: Route): string {
  switch (route.screen) {
    case 'accounts':
    case 'adminPatients':
    case 'system':
    case 'erasure':
      return ADMIN_PATHS.find(([, screen]) => screen === route.screen)![0];
    case 'board':
      return '/';
    case 'devices':
      return '/devices';
    case 'consultations':
      return '/consultations';
    case 'alerts':
      return '/alerts';
    case 'rotas':
      return '/rotas';
    case 'triage':
      return '/triage';
    case 'room':
      return `/consultations/${route.id}`;
    case 'replay':
      return `/consultations/${route.id}/replay`;
    case 'precall':
      return `/consultations/${route.id}/precall`;
    case 'join':
      return `/join/${route.token}`;
    case 'guestHome':
    case 'following':
      return '/';
    case 'followers':
      return '/followers';
    case 'followJoin':
      return `/follow/${route.token}`;
    case 'security':
      return '/security';
    case 'privacy':
      return '/my-data';
  }
}

export interface NavItem {
  screen: Screen;
  label: MessageKey;
  path: string;
}

/** The header's sections per role. */
export function navFor(role: Role): NavItem[] {
  switch (role) {
    case 'doctor':
      return [
        { screen: 'board', label: 'nav.patients', path: '/' },
        { screen: 'triage', label: 'nav.triage', path: '/triage' },
        { screen: 'consultations', label: 'nav.consultations', path: '/consultations' },
        { screen: 'alerts', label: 'nav.alerts', path: '/alerts' },
        { screen: 'rotas', label: 'nav.rotas', path: '/rotas' },
        { screen: 'devices', label: 'nav.devices', path: '/devices' },
      ];
    case 'patient':
      return [
        { screen: 'board', label: 'nav.myData', path: '/' },
        { screen: 'consultations', label: 'nav.myConsultations', path: '/consultations' },
        { screen: 'followers', label: 'nav.followers', path: '/followers' },
        { screen: 'privacy', label: 'nav.privacy', path: '/my-data' },
      ];
    case 'follower':
      return [{ screen: 'following', label: 'nav.following', path: '/' }];
    case 'admin':
      return [
        { screen: 'accounts', label: 'nav.accounts', path: '/admin/accounts' },
        { screen: 'adminPatients', label: 'nav.adminPatients', path: '/admin/patients' },
        { screen: 'devices', label: 'nav.devices', path: '/' },
        { screen: 'system', label: 'nav.system', path: '/admin/system' },
        { screen: 'rotas', label: 'nav.rotas', path: '/rotas' },
        { screen: 'erasure', label: 'nav.erasure', path: '/admin/erasure-requests' },
      ];
    case 'guest':
      return [];
  }
}

/** Which header section a screen belongs to (the room and the replay are part of consultations). */
export function sectionOf(screen: Screen): Screen {
  return screen === 'room' || screen === 'replay' || screen === 'precall' ? 'consultations' : screen;
}

/** The token of an invitation link `/join/{token}` (URL-safe base64), or null. */
export function joinTokenFrom(pathname: string): string | null {
  const m = /^\/join\/([A-Za-z0-9_-]{16,200})\/?$/.exec(pathname);
  return m ? m[1]! : null;
}

/** The token of a patient's follower link `/follow/{token}`, or null. */
export function followTokenFrom(pathname: string): string | null {
  const m = /^\/follow\/([A-Za-z0-9_-]{16,200})\/?$/.exec(pathname);
  return m ? m[1]! : null;
}

// ---- history-based navigation (no router library: four pages) ----

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

/** Goes to `path` in the app (pushState; `replace` for redirects). */
export function navigate(path: string, replace = false): void {
  if (path === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  notify();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The current path; re-renders on navigation and Back/Forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** A link click handled in the page (plain clicks only: a middle click or Ctrl-click opens a tab). */
export function linkHandler(path: string) {
  return (e: React.MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(path);
  };
}
