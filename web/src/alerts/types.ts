import type { components } from '../api/schema';
import type { Numbers } from '../api/types';

type Schemas = components['schemas'];

export const SEVERITIES = ['critical', 'major', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const ALERT_KINDS = ['threshold', 'trend', 'news2', 'nodata', 'device', 'system'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_STATUSES = ['raised', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type AlertEvent = 'raised' | 'updated' | 'reminder' | 'escalated' | 'acknowledged' | 'resolved' | 'snapshot';

/** An alert as the hub's `alert` event and `GET /api/v1/alerts` carry it (the latest per id wins). */
export type AlertOutcome = 'actionable' | 'not_actionable';

export type AlertDto = Omit<Numbers<Schemas['AlertDto']>, 'kind' | 'severity' | 'status' | 'event' | 'paged' | 'measurements' | 'outcome'> & {
  outcome?: AlertOutcome | null;
  kind: AlertKind;
  severity: Severity;
  status: AlertStatus;
  event: AlertEvent;
  paged: number[];
  measurements: Record<string, number> | null;
};

export type AlertPreferenceDto = Omit<Schemas['AlertPreferenceDto'], 'severity'> & { severity: Severity };

export const NEWS2_RISKS = ['low', 'low-medium', 'medium', 'high'] as const;
export type News2Risk = (typeof NEWS2_RISKS)[number];

export type News2InputsDto = Schemas['News2InputsDto'];

/** `GET /api/v1/patients/{id}/news2` and the hub's `news2` event. */
export type News2Dto = Omit<Numbers<Schemas['News2Dto']>, 'risk' | 'scores'> & {
  risk: News2Risk | null;
  scores: Record<string, number> | null;
};

/** A patient's own limits for one vital sign (null: the default bound applies). */
export type AlertThresholdDto = Numbers<Schemas['AlertThresholdDto']>;
