import { describe, expect, test } from 'vitest';
import { SamplingRateAdapter, sessionControlPost, type SamplingControl } from './samplingAdapter';

function recorder(status = 202) {
  const posts: { deviceId: string; body: SamplingControl; key: string }[] = [];
  const adapter = new SamplingRateAdapter(async (deviceId, body, key) => {
    posts.push({ deviceId, body, key });
    return status;
  });
  return { adapter, posts, rates: () => posts.map((p) => `${p.deviceId}:${p.body.rateMultiplier}`) };
}

describe('the patient’s devices sample with the band (0.5× / 1× / 2×)', () => {
  test('one control request per device each time the band’s rate changes, none in between', async () => {
    const { adapter, posts, rates } = recorder();
    await adapter.update(undefined, ['A', 'B']); // not measured yet
    await adapter.update('medium', ['A', 'B']); // 1×: what the devices do already
    expect(posts).toHaveLength(0);
    await adapter.update('low', ['A', 'B']);
    await adapter.update('low', ['A', 'B']);
    expect(rates()).toEqual(['A:0.5', 'B:0.5']);
    await adapter.update('high', ['A', 'B']);
    await adapter.update('high', ['A', 'B']);
    expect(rates()).toEqual(['A:0.5', 'B:0.5', 'A:2', 'B:2']);
    expect(adapter.multiplier).toBe(2);
    expect(posts[0]!.body).toEqual({ action: 'set_sampling_rate', rateMultiplier: 0.5, ttlSeconds: 60 });
    expect(new Set(posts.map((p) => p.key)).size).toBe(posts.length); // a fresh Idempotency-Key per request
  });

  test('a device that appears later gets the current rate; the end of the call restores 1×', async () => {
    const { adapter, rates } = recorder();
    await adapter.update('low', ['A']);
    await adapter.update('low', ['A', 'C']);
    expect(rates()).toEqual(['A:0.5', 'C:0.5']);
    await adapter.stop();
    expect(rates()).toEqual(['A:0.5', 'C:0.5', 'A:1', 'C:1']);
    expect(adapter.multiplier).toBe(1);
  });

  test('a refusal (403, 404) or no answer is tolerated and not retried until the band changes', async () => {
    for (const status of [403, 404, 0]) {
      const { adapter, posts } = recorder(status);
      await adapter.update('high', ['A']);
      await adapter.update('high', ['A']);
      expect(posts).toHaveLength(1);
      await adapter.update('low', ['A']);
      expect(posts).toHaveLength(2);
    }
    const failing = new SamplingRateAdapter(async () => {
      throw new TypeError('network');
    });
    await expect(failing.update('high', ['A'])).resolves.toBeUndefined();
  });

  test('the request goes to the control route with the key and a JSON body', async () => {
    const seen: Request[] = [];
    const post = sessionControlPost(async (r) => {
      seen.push(r);
      return new Response(null, { status: 404 });
    }, 'https://fajma.test');
    expect(await post('FAJMA-AB/1', { action: 'set_sampling_rate', rateMultiplier: 2, ttlSeconds: 60 }, 'k1')).toBe(404);
    expect(seen[0]!.url).toBe('https://fajma.test/api/v1/iot/sensors/FAJMA-AB%2F1/control/');
    expect(seen[0]!.method).toBe('POST');
    expect(seen[0]!.headers.get('Idempotency-Key')).toBe('k1');
    expect(await seen[0]!.json()).toEqual({ action: 'set_sampling_rate', rateMultiplier: 2, ttlSeconds: 60 });
  });
});
