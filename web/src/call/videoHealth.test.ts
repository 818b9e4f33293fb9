import { expect, test } from 'vitest';
import { FakeTrack } from './rtcFakes';
import { VideoHealth } from './videoHealth';

const track = () => new FakeTrack('video') as unknown as MediaStreamTrack & FakeTrack;

test('an ended camera track is a failed video at once', () => {
  const t = track();
  const h = new VideoHealth();
  expect(h.check(t, 10, true)).toBe(false);
  t.stop();
  expect(h.check(t, 20, true)).toBe(true);
});

test('a camera muted for three samples, or an encoder without new frames for three, is a failed video', () => {
  const t = track();
  const h = new VideoHealth();
  t.muted = true;
  expect([h.check(t, 1, true), h.check(t, 2, true), h.check(t, 3, true)]).toEqual([false, false, true]);
  const e = new VideoHealth();
  const u = track();
  expect([e.check(u, 100, true), e.check(u, 100, true), e.check(u, 100, true), e.check(u, 100, true)]).toEqual([false, false, false, true]);
  expect(e.check(u, 130, true)).toBe(false); // frames again
});

test('nothing is judged while video is not meant to flow (audio only, camera off)', () => {
  const t = track();
  t.stop();
  expect(new VideoHealth().check(t, 0, false)).toBe(false);
  expect(new VideoHealth().check(undefined, 0, true)).toBe(false);
});
