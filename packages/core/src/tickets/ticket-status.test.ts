import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../errors.ts';
import {
  allowedTransitions,
  assertTransition,
  canTransition,
  isOpenStatus,
  type TicketStatus,
  ticketStatuses,
} from './ticket-status.ts';

// Rows are `from`, columns are `to`, in ticketStatuses order: new, open, pending, on_hold, solved, closed.
const matrix: Record<TicketStatus, readonly [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  new: [true, true, true, true, true, false],
  open: [false, true, true, true, true, false],
  pending: [false, true, true, true, true, false],
  on_hold: [false, true, true, true, true, false],
  solved: [false, true, false, false, true, true],
  closed: [false, false, false, false, false, true],
};

describe('canTransition', () => {
  for (const from of ticketStatuses) {
    ticketStatuses.forEach((to, column) => {
      const expected = matrix[from][column];
      it(`${from} -> ${to} is ${expected ? 'allowed' : 'rejected'}`, () => {
        assert.equal(canTransition(from, to), expected);
      });
    });
  }
});

describe('allowedTransitions', () => {
  for (const from of ticketStatuses) {
    it(`lists the matrix row for ${from}, without ${from} itself`, () => {
      const expected = ticketStatuses.filter((to, column) => to !== from && matrix[from][column]);
      assert.deepEqual([...allowedTransitions(from)].sort(), [...expected].sort());
    });
  }
});

describe('assertTransition', () => {
  it('returns for an allowed move and for a no-op', () => {
    assert.doesNotThrow(() => assertTransition('new', 'open'));
    assert.doesNotThrow(() => assertTransition('closed', 'closed'));
  });

  it('throws a typed error naming from, to and what is allowed', () => {
    assert.throws(
      () => assertTransition('solved', 'pending'),
      (error: unknown) => {
        assert.ok(isDomainError(error, 'TICKET_STATUS_TRANSITION_INVALID'));
        assert.equal(error.message, 'Cannot change status from solved to pending.');
        assert.deepEqual(error.details, { from: 'solved', to: 'pending', allowed: ['open', 'closed'] });
        return true;
      },
    );
  });

  it('reports an empty allowed list for closed tickets', () => {
    assert.throws(
      () => assertTransition('closed', 'open'),
      (error: unknown) =>
        isDomainError(error) && Array.isArray(error.details.allowed) && error.details.allowed.length === 0,
    );
  });
});

describe('isOpenStatus', () => {
  const cases: [TicketStatus, boolean][] = [
    ['new', true],
    ['open', true],
    ['pending', true],
    ['on_hold', true],
    ['solved', false],
    ['closed', false],
  ];
  for (const [status, expected] of cases) {
    it(`${status} -> ${expected}`, () => assert.equal(isOpenStatus(status), expected));
  }
});
