import { expect, test } from 'vitest';
import { ApiError } from '../api/client';
import { thresholdErrors } from './thresholdDefaults';

test('a refusal names its fields; anything else goes under the row', () => {
  const e = new ApiError(400, '400', { errors: { High: ['must be above the low limit'], type: ['unknown sign'] } } as never);
  expect(thresholdErrors(e)).toEqual({ high: 'must be above the low limit', type: 'unknown sign' });
  expect(thresholdErrors(new Error('offline'))).toEqual({ row: 'offline' });
});
