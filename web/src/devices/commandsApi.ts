import { http, unwrap } from '../api/client';
import type { ControlBody, DeviceCommandDto, Sensor } from './commands';

/** A fresh key per click: a retried request (network blip) then answers the same command instead of sending a second. */
const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`);

export const commandsApi = {
  list: (deviceId: string, signal?: AbortSignal) =>
    unwrap<DeviceCommandDto[]>(http.GET('/api/v1/iot/sensors/{id}/commands', { params: { path: { id: deviceId } }, signal })),
  control: (deviceId: string, body: ControlBody, key = newKey()) =>
    unwrap<DeviceCommandDto>(
      http.POST('/api/v1/iot/sensors/{id}/control', { params: { path: { id: deviceId }, header: { 'Idempotency-Key': key } }, body }),
    ),
  calibrate: (deviceId: string, sensor: Sensor, key = newKey()) =>
    unwrap<DeviceCommandDto>(
      http.POST('/api/v1/iot/sensors/{id}/calibrate', {
        params: { path: { id: deviceId }, header: { 'Idempotency-Key': key } },
        body: { sensor },
      }),
    ),
};
