/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { base64UrlDecode, canonicalJson, importDeviceSecret, payloadChecksum, signMessage, type StandardMessage } from './signing';

/**
 * The phone signs exactly as the server checks: the shared vectors (tests/vectors/device-messages.json, generated from the
 * server's C# rules and read by the firmware's C++ tests too) hold canonical bytes, checksums and signatures.
 */
interface Vectors {
  secret: string;
  numbers: { json: string; canonical: string }[];
  documents: { json: string; canonical: string }[];
  standard: { message: string; signed_bytes: string; checksum: string; signature: string }[];
}

const vectors = JSON.parse(readFileSync(new URL('../../../tests/vectors/device-messages.json', import.meta.url), 'utf8')) as Vectors;

describe('shared device-message vectors', () => {
  test('numbers canonicalize as the server writes them', () => {
    for (const v of vectors.numbers) expect(canonicalJson(JSON.parse(v.json)), v.json).toBe(v.canonical);
  });

  test('documents canonicalize as the server writes them', () => {
    for (const v of vectors.documents) expect(canonicalJson(JSON.parse(v.json)), v.json).toBe(v.canonical);
  });

  test('standard messages: the same signed bytes, checksum and signature', async () => {
    const key = await importDeviceSecret(base64UrlDecode(vectors.secret)!);
    expect(vectors.standard.length).toBeGreaterThan(0);
    for (const v of vectors.standard) {
      const { signature, ...unsigned } = JSON.parse(v.message) as StandardMessage;
      expect(canonicalJson(unsigned)).toBe(v.signed_bytes);
      expect(await payloadChecksum(unsigned.payload)).toBe(v.checksum);
      expect((await signMessage(key, unsigned)).signature).toBe(v.signature);
      expect(signature).toBe(v.signature);
    }
  });
});
