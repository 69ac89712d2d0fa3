import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accuracy, classMetrics } from './metrics.ts';

describe('classMetrics', () => {
  it('counts true and false positives and negatives for one class', () => {
    const gold = ['a', 'a', 'a', 'b', 'b'];
    const predicted = ['a', 'a', 'b', 'a', 'b'];
    const m = classMetrics('a', gold, predicted);
    assert.deepEqual([m.truePositives, m.falsePositives, m.falseNegatives, m.support], [2, 1, 1, 3]);
    assert.equal(m.precision, 2 / 3);
    assert.equal(m.recall, 2 / 3);
    assert.equal(m.f1, 2 / 3);
  });
  it('treats a class never predicted and never expected as perfect', () => {
    const m = classMetrics('c', ['a'], ['a']);
    assert.deepEqual([m.precision, m.recall], [1, 1]);
  });
  it('computes accuracy', () => {
    assert.equal(accuracy([true, false, true, true], [true, true, true, false]), 0.5);
  });
});
