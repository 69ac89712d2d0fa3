import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TicketDto } from '../schemas/tickets.ts';
import { ids, makeFacts } from './facts.fixture.ts';
import { ticketFactsOf } from './ticket-facts.ts';

describe('ticketFactsOf', () => {
  it('maps a DTO to facts, instants as epoch ms', () => {
    const expected = makeFacts().ticket;
    const iso = (ms: number) => new Date(ms).toISOString();
    const dto: TicketDto = {
      ...expected,
      tags: [...expected.tags],
      customFields: { ...expected.customFields },
      mergedIntoId: null,
      followUpOfId: null,
      followerIds: [ids.otherAgent],
      version: 3,
      createdAt: iso(expected.createdAtMs),
      updatedAt: iso(expected.updatedAtMs),
      firstResponseAt: null,
      solvedAt: null,
      closedAt: null,
      lastCustomerMessageAt: iso(expected.lastCustomerMessageAtMs!),
      lastAgentMessageAt: null,
      source: null,
    };
    assert.deepEqual(ticketFactsOf(dto, iso(expected.statusChangedAtMs)), expected);
  });
});
