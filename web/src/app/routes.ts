import type { Role } from '../api/types';
import type { MessageKey } from '../i18n/en';
import type { AuthState } from '../auth/session';

export type Screen = 'restoring' | 'login' | 'board' | 'devices';

/** What the page shows for a session state: admins manage devices and never see the clinical board. */
export function screenFor(state: AuthState): Screen {
  if (state.status === 'restoring') return 'restoring';
  if (state.status === 'signedOut') return 'login';
  return state.user.role === 'admin' ? 'devices' : 'board';
}

export interface NavItem {
  screen: Screen;
  label: MessageKey;
}

/** The header's sections per role (one each for now; admins get users, consultations come later). */
export function navFor(role: Role): NavItem[] {
  switch (role) {
    case 'doctor':
      return [{ screen: 'board', label: 'nav.patients' }];
    case 'patient':
      return [{ screen: 'board', label: 'nav.myData' }];
    case 'admin':
      return [{ screen: 'devices', label: 'nav.devices' }];
  }
}
