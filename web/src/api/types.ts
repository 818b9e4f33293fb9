// Hand-written mirror of the server's DTOs (camelCase JSON). Replaced by the types generated
// from the OpenAPI document (schema.d.ts, `npm run gen:api`) once it exists; only this file changes.

export const VITAL_TYPES = ['heart_rate', 'spo2', 'temperature', 'blood_pressure', 'respiratory_rate'] as const;
export type VitalType = (typeof VITAL_TYPES)[number];

export interface DeviceDto {
  id: string;
  type: string;
  patientId: number | null;
  batteryLevel: number | null;
  signalStrength: number | null;
  lastCalibration: string | null;
  lastSeenAt: string | null;
}

export interface ObservationDto {
  id: number;
  patientId: number;
  deviceId: string;
  type: VitalType;
  loinc: string;
  value: number;
  diastolic: number | null;
  unit: string;
  quality: number | null;
  measuredAt: string;
  receivedAt: string;
  clockSource: 'device' | 'server' | string;
  messageId: string;
}

export interface PatientDto {
  id: number;
  displayName: string;
  dateOfBirth: string;
  devices: DeviceDto[];
  latest: ObservationDto[];
}

export interface ObservationPage {
  items: ObservationDto[];
  nextCursor: string | null;
}

export interface ServerTime {
  serverTime: string;
  unixMilliseconds: number;
}

/** Hub event `deviceStatus`. */
export interface DeviceStatusDto {
  deviceId: string;
  patientId: number;
  batteryLevel: number | null;
  signalStrength: number | null;
  lastCalibration: string | null;
  lastSeenAt: string;
}
