import { expect, test } from 'vitest';
import { alert } from './fixtures';
import { callFor } from './notify';

const prefs = [
  { severity: 'critical' as const, browser: true, sound: false },
  { severity: 'major' as const, browser: false, sound: true },
  { severity: 'warning' as const, browser: false, sound: false },
];

test('a raised alert paging me follows my preferences for its severity', () => {
  expect(callFor(alert({ paged: [7] }), 7, prefs)).toEqual({ browser: true, sound: false });
  expect(callFor(alert({ paged: [7], severity: 'major', event: 'reminder' }), 7, prefs)).toEqual({ browser: false, sound: true });
  expect(callFor(alert({ paged: [7], severity: 'warning', event: 'escalated' }), 7, prefs)).toEqual({ browser: false, sound: false });
});

test('nothing when I am not paged, or for updates and acknowledgements', () => {
  expect(callFor(alert({ paged: [2] }), 7, prefs)).toEqual({ browser: false, sound: false });
  expect(callFor(alert({ paged: [7], event: 'updated' }), 7, prefs)).toEqual({ browser: false, sound: false });
  expect(callFor(alert({ paged: [7], status: 'acknowledged', event: 'acknowledged' }), 7, prefs)).toEqual({ browser: false, sound: false });
});

test('before the preferences are read, the server defaults apply (critical: notification and sound)', () => {
  expect(callFor(alert({ paged: [7] }), 7, null)).toEqual({ browser: true, sound: true });
  expect(callFor(alert({ paged: [7], severity: 'warning' }), 7, null)).toEqual({ browser: false, sound: false });
});
