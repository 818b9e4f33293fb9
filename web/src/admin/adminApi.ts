import { http, unwrap, unwrapEmpty } from '../api/client';
import type { components } from '../api/schema';
import type { Numbers } from '../api/types';

type Schemas = components['schemas'];

export type AccountDto = Numbers<Schemas['AccountDto']>;
export type SessionDto = Schemas['SessionDto'];
export type PasswordResetLinkDto = Schemas['PasswordResetLinkDto'];
export type CareTeamDto = Numbers<Omit<Schemas['CareTeamDto'], 'doctors'>> & { doctors: Numbers<Schemas['CareTeamDoctor']>[] };
export type KpiPoint = Numbers<Schemas['KpiPoint']>;
export type SystemKpis = Omit<Schemas['SystemKpis'], 'hour' | 'minutes'> & { hour: KpiPoint; minutes: KpiPoint[] };
export type NewAccount = { email: string; displayName: string; role: string; password: string; dateOfBirth?: string | null };

const user = (id: number) => ({ params: { path: { id } } });

/** The administration pages' calls; every one is audited on the server. */
export const adminApi = {
  accounts: (search: string, signal?: AbortSignal) =>
    unwrap<AccountDto[]>(http.GET('/api/v1/users', { params: { query: { search: search || undefined } }, signal })),
  create: (body: NewAccount) => unwrap<unknown>(http.POST('/api/v1/users', { body: { ...body, patientId: null } })),
  lock: (id: number) => unwrapEmpty(http.POST('/api/v1/users/{id}/lock', user(id))),
  unlock: (id: number) => unwrapEmpty(http.POST('/api/v1/users/{id}/unlock', user(id))),
  sessions: (id: number) => unwrap<SessionDto[]>(http.GET('/api/v1/users/{id}/sessions', user(id))),
  revokeSession: (id: number, sessionId: string) =>
    unwrapEmpty(http.DELETE('/api/v1/users/{id}/sessions/{sessionId}', { params: { path: { id, sessionId } } })),
  revokeAll: (id: number) => unwrapEmpty(http.DELETE('/api/v1/users/{id}/sessions', user(id))),
  /** For someone who lost their authenticator: they sign in with the password alone until they enrol again. */
  resetTwoStep: (userId: number) => unwrapEmpty(http.DELETE('/api/v1/users/{userId}/mfa', { params: { path: { userId } } })),
  passwordReset: (id: number) => unwrap<PasswordResetLinkDto>(http.POST('/api/v1/users/{id}/password-reset', user(id))),
  careTeams: (signal?: AbortSignal) => unwrap<CareTeamDto[]>(http.GET('/api/v1/care-teams', { signal })),
  addToCareTeam: (patientId: number, doctorId: number) =>
    unwrapEmpty(http.POST('/api/v1/patients/{patientId}/care-team', { params: { path: { patientId } }, body: { doctorId } })),
  removeFromCareTeam: (patientId: number, doctorId: number) =>
    unwrapEmpty(http.DELETE('/api/v1/patients/{patientId}/care-team/{doctorId}', { params: { path: { patientId, doctorId } } })),
  kpis: (signal?: AbortSignal) => unwrap<SystemKpis>(http.GET('/api/v1/system/kpis', { signal })),
  /** Public: spends a reset link's token (no session needed). */
  resetPassword: (token: string, newPassword: string) => unwrapEmpty(http.POST('/api/v1/auth/password-reset', { body: { token, newPassword } })),
};
