import type { components } from '../../api/schema';
import { http, unwrap, unwrapEmpty } from '../../api/client';
import type { Numbers } from '../../api/types';

type Schemas = components['schemas'];

export type SignLimitsDto = Numbers<Schemas['SignLimitsDto']>;
export type TrendRuleDto = Numbers<Schemas['TrendRuleDto']>;
export type DeviceOffPeriodDto = Schemas['DeviceOffPeriodDto'];
export type AlarmSnoozeDto = Numbers<Schemas['AlarmSnoozeDto']>;
export type AlarmProfileDto = Omit<Numbers<Schemas['AlarmProfileDto']>, 'limits' | 'trends' | 'suggestedTrends' | 'snoozes'> & {
  limits: SignLimitsDto[];
  trends: TrendRuleDto[];
  suggestedTrends: TrendRuleDto[];
  snoozes: AlarmSnoozeDto[];
};
export type AlarmProfileRequest = Pick<AlarmProfileDto, 'timeZone' | 'nightStart' | 'nightEnd' | 'limits' | 'trends' | 'deviceOff'>;
export type RuleBurdenDto = Numbers<Schemas['RuleBurdenDto']>;
export type AlarmBurdenDto = Omit<Numbers<Schemas['AlarmBurdenDto']>, 'rules'> & { rules: RuleBurdenDto[] };

/** `/api/v1/patients/{id}/alarm-profile` (profile, snoozes) and `/alarm-burden`. */
export const profileApi = {
  get: (patientId: number, signal?: AbortSignal) =>
    unwrap<AlarmProfileDto>(http.GET('/api/v1/patients/{patientId}/alarm-profile', { params: { path: { patientId } }, signal })),
  put: (patientId: number, body: AlarmProfileRequest) =>
    unwrap<AlarmProfileDto>(http.PUT('/api/v1/patients/{patientId}/alarm-profile', { params: { path: { patientId } }, body })),
  snooze: (patientId: number, rule: string, until: string) =>
    unwrap<AlarmSnoozeDto>(http.POST('/api/v1/patients/{patientId}/alarm-profile/snoozes', { params: { path: { patientId } }, body: { rule, until } })),
  unsnooze: (patientId: number, id: number) =>
    unwrapEmpty(http.DELETE('/api/v1/patients/{patientId}/alarm-profile/snoozes/{id}', { params: { path: { patientId, id } } })),
  burden: (patientId: number, days: number, signal?: AbortSignal) =>
    unwrap<AlarmBurdenDto>(http.GET('/api/v1/patients/{patientId}/alarm-burden', { params: { path: { patientId }, query: { days } }, signal })),
};
