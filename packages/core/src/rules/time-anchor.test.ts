import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateRule } from './evaluate-rule.ts';
import { makeFacts, nowMs, storedRule } from './facts.fixture.ts';
import { timeAnchorOf } from './time-anchor.ts';

const leaf = (field: string, operator: string, value?: unknown) => ({
  field,
  operator,
  ...(value === undefined ? {} : { value }),
});
const timeRule = (conditions: unknown) =>
  storedRule({ kind: 'time', conditions, actions: [{ type: 'set_status', status: 'closed' }] });

describe('timeAnchorOf', () => {
  const cases: { name: string; conditions: unknown; anchor: ReturnType<typeof timeAnchorOf> }[] = [
    {
      name: 'pending for 48 business hours',
      conditions: {
        all: [
          leaf('ticket.status', 'is', 'pending'),
          leaf('ticket.businessHoursSinceStatusChanged', 'greater_than', 48),
        ],
      },
      anchor: {
        field: 'ticket.businessHoursSinceStatusChanged',
        since: 'statusChanged',
        hours: 48,
        isInclusive: false,
        isBusinessTime: true,
      },
    },
    {
      name: 'no agent reply for 12 hours',
      conditions: {
        all: [
          leaf('ticket.hoursSinceLastCustomerMessage', 'greater_than_or_equal', 12),
          leaf('ticket.hoursSinceLastAgentMessage', 'blank'),
        ],
      },
      anchor: {
        field: 'ticket.hoursSinceLastCustomerMessage',
        since: 'lastCustomerMessage',
        hours: 12,
        isInclusive: true,
        isBusinessTime: false,
      },
    },
    {
      name: 'a window closed by an upper bound',
      conditions: {
        all: [
          leaf('ticket.hoursSinceCreated', 'greater_than', 24),
          leaf('ticket.hoursSinceCreated', 'less_than', 48),
        ],
      },
      anchor: {
        field: 'ticket.hoursSinceCreated',
        since: 'created',
        hours: 24,
        isInclusive: false,
        isBusinessTime: false,
      },
    },
    {
      name: 'a single leaf at the root',
      conditions: leaf('ticket.hoursSinceUpdated', 'greater_than', 168),
      anchor: {
        field: 'ticket.hoursSinceUpdated',
        since: 'updated',
        hours: 168,
        isInclusive: false,
        isBusinessTime: false,
      },
    },
  ];
  for (const { name, conditions, anchor } of cases) {
    it(name, () => assert.deepEqual(timeAnchorOf(timeRule(conditions)), anchor));
  }

  it('is null for other kinds', () => {
    const rule = storedRule({
      kind: 'update',
      conditions: { all: [leaf('ticket.hoursSinceCreated', 'greater_than', 1)] },
      actions: [{ type: 'mark_spam' }],
    });
    assert.equal(timeAnchorOf(rule), null);
  });

  it('agrees with evaluation around the due instant', () => {
    const rule = timeRule({ all: [leaf('ticket.hoursSinceCreated', 'greater_than', 30)] });
    const anchor = timeAnchorOf(rule);
    assert.ok(anchor);
    const createdAtMs = nowMs - anchor.hours * 3_600_000;
    const at = (offsetMs: number) =>
      makeFacts({ nowMs: nowMs + offsetMs, ticket: { createdAtMs }, event: { type: 'ticket.time_elapsed' } });
    assert.equal(evaluateRule(rule, at(0)).matched, false, 'not yet at the instant itself (greater_than)');
    assert.equal(evaluateRule(rule, at(1)).matched, true);
  });
});
