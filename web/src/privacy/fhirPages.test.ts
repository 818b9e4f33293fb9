import { describe, expect, it } from 'vitest';
import { wholeBundle, type FhirBundle } from './fhirPages';

const page = (n: number, next?: string): FhirBundle => ({
  resourceType: 'Bundle',
  total: 5,
  link: [{ relation: 'self', url: `p${n}` }, ...(next ? [{ relation: 'next', url: next }] : [])],
  entry: [{ n }, { n: n + 0.5 }],
});

describe('wholeBundle', () => {
  it('follows every next link and keeps one Bundle of all entries with the first page self link only', async () => {
    const pages: Record<string, FhirBundle> = { first: page(1, 'second'), second: page(2, 'third'), third: { ...page(3), entry: [{ n: 3 }] } };
    const asked: string[] = [];
    const whole = await wholeBundle('first', async (url) => (asked.push(url), pages[url]!));
    expect(asked).toEqual(['first', 'second', 'third']);
    expect(whole.entry).toEqual([{ n: 1 }, { n: 1.5 }, { n: 2 }, { n: 2.5 }, { n: 3 }]);
    expect(whole.total).toBe(5);
    expect(whole.link).toEqual([{ relation: 'self', url: 'p1' }]);
  });

  it('returns a single page as it came', async () => {
    const whole = await wholeBundle('only', async () => page(1));
    expect(whole.entry).toHaveLength(2);
  });
});
