import { expect, test } from 'vitest';
import { newClientMessageId } from './ids';

test('client message ids are v4 uuids and differ', () => {
  const a = newClientMessageId();
  expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(newClientMessageId()).not.toBe(a);
});
