import { VITAL_TYPES, type VitalType } from '../../api/types';

export const isVitalType = (v: string): v is VitalType => (VITAL_TYPES as readonly string[]).includes(v);
