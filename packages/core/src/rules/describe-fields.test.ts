import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRuleFields } from './describe-fields.ts';
import { customFields } from './facts.fixture.ts';

describe('describeRuleFields', () => {
  const fields = describeRuleFields({ customFields });
  const byId = new Map(fields.map((field) => [field.id, field]));

  it('describes static fields with their operators', () => {
    assert.deepEqual(byId.get('ticket.priority'), {
      id: 'ticket.priority',
      type: 'enum',
      values: ['low', 'normal', 'high', 'urgent'],
      operators: [
        'is',
        'is_not',
        'in',
        'not_in',
        'present',
        'blank',
        'greater_than',
        'greater_than_or_equal',
        'less_than',
        'less_than_or_equal',
      ],
      changeOperators: ['changed', 'changed_from', 'changed_to'],
      kinds: ['creation', 'update', 'time'],
    });
    assert.deepEqual(byId.get('message.text')?.kinds, ['creation', 'update']);
  });

  it('types custom fields by their definitions', () => {
    assert.deepEqual(byId.get('ticket.customFields.plan')?.values, ['free', 'pro', 'enterprise']);
    assert.equal(byId.get('ticket.customFields.due')?.type, 'date');
    assert.equal(byId.get('ticket.customFields.gift')?.type, 'boolean');
  });

  it('lists attribute families', () => {
    assert.equal(byId.get('requester.attributes.*')?.type, 'scalar');
    assert.equal(byId.get('organization.attributes.*')?.type, 'scalar');
  });
});
