import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyStatusCode, type DeliveryVerdict } from './delivery-outcome.ts';

const cases: [number, DeliveryVerdict][] = [
  [200, 'delivered'],
  [204, 'delivered'],
  [299, 'delivered'],
  [301, 'retry'],
  [400, 'permanent'],
  [401, 'permanent'],
  [404, 'permanent'],
  [408, 'retry'],
  [410, 'permanent'],
  [429, 'retry'],
  [500, 'retry'],
  [503, 'retry'],
];

for (const [statusCode, verdict] of cases) {
  test(`HTTP ${statusCode} is ${verdict}`, () => {
    assert.equal(classifyStatusCode(statusCode), verdict);
  });
}
