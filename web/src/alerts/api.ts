import { http, unwrap, unwrapEmpty } from '../api/client';
import type { AlertThresholdDto } from './types';
import type { AlertDto, AlertOutcome, AlertPreferenceDto, News2Dto, News2InputsDto } from './types';

export interface AlertQuery {
  status?: 'active' | 'raised' | 'acknowledged' | 'resolved';
  patientId?: number;
  severity?: string;
  kind?: string;
  from?: string;
  before?: string;
  limit?: number;
}

/** The alerts REST API (`/api/v1/alerts…`, NEWS2 and thresholds per patient). */
export const alertsApi = {
  list: (query: AlertQuery, signal?: AbortSignal) => unwrap<AlertDto[]>(http.GET('/api/v1/alerts', { params: { query }, signal })),
  acknowledge: (id: string) => unwrap<AlertDto>(http.POST('/api/v1/alerts/{id}/acknowledge', { params: { path: { id } } })),
  resolve: (id: string, note: string, outcome: AlertOutcome | null = null) =>
    unwrap<AlertDto>(http.POST('/api/v1/alerts/{id}/resolve', { params: { path: { id } }, body: { note, outcome } })),
  preferences: () => unwrap<AlertPreferenceDto[]>(http.GET('/api/v1/alerts/preferences')),
  setPreferences: (body: AlertPreferenceDto[]) => unwrap<AlertPreferenceDto[]>(http.PUT('/api/v1/alerts/preferences', { body })),
  news2: (patientId: number, signal?: AbortSignal) =>
    unwrap<News2Dto>(http.GET('/api/v1/patients/{patientId}/news2', { params: { path: { patientId } }, signal })),
  setNews2Inputs: (patientId: number, body: News2InputsDto) =>
    unwrap<News2Dto>(http.PUT('/api/v1/patients/{patientId}/news2/inputs', { params: { path: { patientId } }, body })),
  thresholds: (patientId: number, signal?: AbortSignal) =>
    unwrap<AlertThresholdDto[]>(http.GET('/api/v1/patients/{patientId}/thresholds', { params: { path: { patientId } }, signal })),
  setThreshold: (patientId: number, type: string, low: number | null, high: number | null) =>
    unwrap<AlertThresholdDto>(http.PUT('/api/v1/patients/{patientId}/thresholds/{type}', { params: { path: { patientId, type } }, body: { low, high } })),
  clearThreshold: (patientId: number, type: string) =>
    unwrapEmpty(http.DELETE('/api/v1/patients/{patientId}/thresholds/{type}', { params: { path: { patientId, type } } })),
};
