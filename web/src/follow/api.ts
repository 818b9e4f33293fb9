import { http, unwrap, unwrapEmpty } from '../api/client';
import type { components } from '../api/schema';
import type { Numbers, ObservationDto } from '../api/types';

type Schemas = components['schemas'];
export type FollowerDto = Omit<Numbers<Schemas['FollowerDto']>, 'status'> & { status: 'invited' | 'expired' | 'active' | 'revoked' };
export type FollowerInviteRequest = Numbers<Schemas['FollowerInviteRequest']>;
export type FollowerInviteDto = Numbers<Schemas['FollowerInviteDto']>;
export type FollowerScopeRequest = Numbers<Schemas['FollowerScopeRequest']>;
export type FollowerAlertSettingsDto = Numbers<Schemas['FollowerAlertSettingsDto']>;
export type FollowedPatientDto = Omit<Numbers<Schemas['FollowedPatientDto']>, 'alerts'> & { alerts: FollowerAlertSettingsDto };
export type FollowerAlertDto = Omit<Numbers<Schemas['FollowerAlertDto']>, 'severity'> & { severity: 'warning' | 'major' | 'critical' };

/** The patient's followers (`/api/v1/followers`) and the follower's own view (`/api/v1/following`). */
export const followApi = {
  followers: () => unwrap<FollowerDto[]>(http.GET('/api/v1/followers')),
  invite: (body: FollowerInviteRequest) => unwrap<FollowerInviteDto>(http.POST('/api/v1/followers', { body })),
  setScope: (id: number, body: FollowerScopeRequest) => unwrap<FollowerDto>(http.PUT('/api/v1/followers/{id}/scope', { params: { path: { id } }, body })),
  revoke: (id: number) => unwrapEmpty(http.DELETE('/api/v1/followers/{id}', { params: { path: { id } } })),
  following: (signal?: AbortSignal) => unwrap<FollowedPatientDto[]>(http.GET('/api/v1/following', { signal })),
  vitals: (patientId: number, signal?: AbortSignal) =>
    unwrap<ObservationDto[]>(http.GET('/api/v1/following/{patientId}/vitals', { params: { path: { patientId } }, signal })),
  alerts: (patientId: number, signal?: AbortSignal) =>
    unwrap<FollowerAlertDto[]>(http.GET('/api/v1/following/{patientId}/alerts', { params: { path: { patientId } }, signal })),
  setAlertSettings: (patientId: number, body: FollowerAlertSettingsDto) =>
    unwrap<FollowerAlertSettingsDto>(http.PUT('/api/v1/following/{patientId}/alert-settings', { params: { path: { patientId } }, body })),
};
