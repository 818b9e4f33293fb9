/// <reference types="node" />
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { base64UrlDecode, base64UrlEncode, buildMessage, canonicalJson, importDeviceSecret, parseDeviceJson, payloadChecksum } from './signing';

describe('canonical JSON (RFC 8785)', () => {
  test('sorts members, drops whitespace, writes shortest numbers', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1.5, y: 1e21, x: 100 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"x":100,"y":1e+21,"z":1.5}}',
    );
  });
  test('orders members by UTF-16 code units and escapes as JSON.stringify', () => {
    expect(canonicalJson({ é: 1, z: 2, A: '\u2028"\n' })).toBe('{"A":"\u2028\\"\\n","z":2,"é":1}');
  });
});

describe('base64url', () => {
  test('round trip without padding', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0x00, 0x10]);
    expect(base64UrlEncode(bytes)).toBe('-_8AEA');
    expect(base64UrlDecode('-_8AEA')).toEqual(bytes);
    expect(base64UrlDecode('not base64!')).toBeNull();
  });
});

describe('signed standard message', () => {
  const secret = Uint8Array.from({ length: 32 }, (_, i) => i);

  test('checksum is the SHA-256 of the canonical payload', async () => {
    const payload = { measurements: [{ value: 72, type: 'heart_rate' }] };
    const hex = createHash('sha256').update('{"measurements":[{"type":"heart_rate","value":72}]}').digest('hex');
    expect(await payloadChecksum(payload)).toBe(`sha256:${hex}`);
  });

  test('signature is HMAC-SHA256 of the message without its signature, in canonical JSON', async () => {
    const key = await importDeviceSecret(secret);
    const message = await buildMessage({ deviceId: 'ble-hr-1', patientId: 1, key }, { at: Date.UTC(2026, 11, 2, 8, 0, 0), heartRate: 72 }, 'm-1');

    expect(message.header).toMatchObject({
      message_id: 'm-1',
      device_id: 'ble-hr-1',
      patient_id: 1,
      message_type: 'VITAL_SIGNS',
      protocol_version: '1.0',
      timestamp: '2026-12-02T08:00:00.000Z',
    });
    expect(message.payload.measurements).toEqual([{ type: 'heart_rate', value: 72, unit: 'bpm', timestamp: '2026-12-02T08:00:00.000Z' }]);
    const { signature, ...unsigned } = message;
    const expected = createHmac('sha256', secret).update(canonicalJson(unsigned)).digest('base64url');
    expect(signature).toBe(`hmac-sha256:${expected}`);
    expect(message.header.checksum).toBe(await payloadChecksum(message.payload));
  });

  test('the device secret key cannot be read back', async () => {
    const key = await importDeviceSecret(secret);
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });
});

describe('device.json', () => {
  const secret = base64UrlEncode(Uint8Array.from({ length: 32 }, (_, i) => i));
  test('reads the provisioning bundle', () => {
    const result = parseDeviceJson(JSON.stringify({ deviceId: 'ble-hr-1', patientId: 3, secret, mqttUrl: 'mqtts://x' }, null, 2));
    expect(result.ok && result.value.deviceId).toBe('ble-hr-1');
    expect(result.ok && result.value.patientId).toBe(3);
    expect(result.ok && result.value.secret.length).toBe(32);
  });
  test('names what is wrong', () => {
    expect(parseDeviceJson('{')).toEqual({ ok: false, error: 'notJson' });
    expect(parseDeviceJson('{"deviceId":"bad id","secret":"' + secret + '"}')).toEqual({ ok: false, error: 'deviceId' });
    expect(parseDeviceJson('{"deviceId":"ok","secret":"abc"}')).toEqual({ ok: false, error: 'secret' });
  });
});
