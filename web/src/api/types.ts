// The app's view of the server's DTOs, derived from the types generated from the server's OpenAPI
// document (schema.d.ts, `npm run gen:api`). Regenerate after a server change; the compiler then
// points at whatever no longer fits.
import type { components } from './schema';

type Schemas = components['schemas'];

/**
 * ASP.NET Core's OpenAPI document types numbers as `number | string` (the server would *read* a
 * quoted number); the server always *writes* JSON numbers, so the app sees numbers only.
 */
export type Numbers<T> = { [K in keyof T]: number extends T[K] ? Exclude<T[K], string> : T[K] };

export const VITAL_TYPES = ['heart_rate', 'spo2', 'temperature', 'blood_pressure', 'respiratory_rate'] as const;
export type VitalType = (typeof VITAL_TYPES)[number];

export type DeviceDto = Numbers<Schemas['DeviceDto']>;

/** A provisioned or rotated device's credentials (`POST /api/v1/devices`, `…/{id}/rotate`): shown once. */
export type DeviceBundleDto = Omit<Schemas['DeviceBundleDto'], 'device'> & { device: DeviceDto };

/** `POST /api/v1/devices` body. */
export type ProvisionDeviceRequest = Numbers<Schemas['RegisterDeviceRequest']>;

/** An RFC 9457 problem; validation problems carry `errors` keyed by field. */
export type Problem = Numbers<Schemas['HttpValidationProblemDetails']>;

export type ObservationDto = Omit<Numbers<Schemas['ObservationDto']>, 'type'> & { type: VitalType };

export type PatientDto = Omit<Numbers<Schemas['PatientDto']>, 'devices' | 'latest'> & {
  devices: DeviceDto[];
  latest: ObservationDto[];
};

export type ObservationPage = { items: ObservationDto[]; nextCursor: string | null };

export type ServerTime = Numbers<Schemas['ServerClock']>;

/** A guest (interpreter, family member) signs in through a doctor's single-use link, to one consultation only; a follower through a patient's link, to what each patient they follow shares. */
export const ROLES = ['doctor', 'patient', 'admin', 'guest', 'follower'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in account (`user` in the token response, `GET /api/v1/auth/me`). */
export type UserDto = Omit<Numbers<Schemas['UserDto']>, 'role'> & { role: Role };

export type TokenResponse = Omit<Schemas['TokenResponse'], 'user'> & { user: UserDto };

/** Hub event `deviceStatus` (SignalR payloads are not in the OpenAPI document). */
export interface DeviceStatusDto {
  deviceId: string;
  patientId: number;
  batteryLevel: number | null;
  signalStrength: number | null;
  lastCalibration: string | null;
  lastSeenAt: string;
  /** The device clock's estimated offset from the server's (device − server, ms); null until known. Beyond 1 s its times are doubtful. */
  clockOffsetMilliseconds?: number | null;
}
