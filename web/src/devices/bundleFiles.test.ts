import { describe, expect, test } from 'vitest';
import type { DeviceBundleDto } from '../api/types';
import { bundleFiles, deviceJson } from './bundleFiles';

const bundle: DeviceBundleDto = {
  device: {
    id: 'FAJMA-003F9AC2FF',
    type: 'esp32_monitor',
    patientId: 7,
    batteryLevel: null,
    signalStrength: null,
    lastCalibration: null,
    lastSeenAt: null,
    revokedAt: null,
  },
  secret: 'q1w2e3-r4_t5',
  certificatePem: '-----BEGIN CERTIFICATE-----\nDEV\n-----END CERTIFICATE-----\n',
  keyPem: '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n',
  caPem: '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n',
  mqttUrl: 'mqtts://fajma.example:8883',
};

describe('credentials bundle', () => {
  test('the four pinned file names, in the CLI order', () => {
    expect(bundleFiles(bundle).map((f) => f.name)).toEqual(['ca.pem', 'device.pem', 'device.key', 'device.json']);
  });

  test('each file carries its part of the bundle, unchanged', () => {
    const files = Object.fromEntries(bundleFiles(bundle).map((f) => [f.name, f]));
    expect(files['ca.pem']!.content).toBe(bundle.caPem);
    expect(files['device.pem']!.content).toBe(bundle.certificatePem);
    expect(files['device.key']!.content).toBe(bundle.keyPem);
    expect(files['device.json']!.type).toBe('application/json');
  });

  test('only the key and device.json hold secrets', () => {
    expect(bundleFiles(bundle).filter((f) => f.secret).map((f) => f.name)).toEqual(['device.key', 'device.json']);
  });

  test('device.json is the CLI format: these four keys in order, two-space indent, no trailing newline', () => {
    expect(deviceJson(bundle)).toBe(
      '{\n  "deviceId": "FAJMA-003F9AC2FF",\n  "patientId": 7,\n  "secret": "q1w2e3-r4_t5",\n  "mqttUrl": "mqtts://fajma.example:8883"\n}',
    );
    expect(Object.keys(JSON.parse(deviceJson(bundle)))).toEqual(['deviceId', 'patientId', 'secret', 'mqttUrl']);
  });

  test('a device without a patient is written with patientId 0, as the CLI does', () => {
    expect(JSON.parse(deviceJson({ ...bundle, device: { ...bundle.device, patientId: null } })).patientId).toBe(0);
  });
});
