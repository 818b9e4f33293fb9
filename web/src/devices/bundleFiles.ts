import type { DeviceBundleDto } from '../api/types';

/** One file of a device's credentials bundle. */
export interface BundleFile {
  name: 'ca.pem' | 'device.pem' | 'device.key' | 'device.json';
  /** MIME type of the download. */
  type: string;
  content: string;
  /** Holds a secret (private key, device secret): shown only this once. */
  secret: boolean;
}

/**
 * device.json exactly as `fajma devices provision` writes it: {deviceId, patientId, secret, mqttUrl},
 * two-space indented, no trailing newline (System.Text.Json with WriteIndented).
 */
export function deviceJson(bundle: DeviceBundleDto): string {
  return JSON.stringify(
    { deviceId: bundle.device.id, patientId: bundle.device.patientId ?? 0, secret: bundle.secret, mqttUrl: bundle.mqttUrl },
    null,
    2,
  );
}

/** The pinned bundle, in the CLI's order and with its file names: what to install on the device. */
export function bundleFiles(bundle: DeviceBundleDto): BundleFile[] {
  const pem = 'application/x-pem-file';
  return [
    { name: 'ca.pem', type: pem, content: bundle.caPem, secret: false },
    { name: 'device.pem', type: pem, content: bundle.certificatePem, secret: false },
    { name: 'device.key', type: pem, content: bundle.keyPem, secret: true },
    { name: 'device.json', type: 'application/json', content: deviceJson(bundle), secret: true },
  ];
}
