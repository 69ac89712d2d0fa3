/**
 * Ticket status lifecycle, Zendesk-like. `closed` is final: a customer reply to a closed
 * ticket opens a follow-up ticket elsewhere instead of reviving this one. Nothing returns
 * to `new`, because `new` means "no agent has touched this yet".
 */
import { DomainError } from '../errors.ts';

export const ticketStatuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;

export type TicketStatus = (typeof ticketStatuses)[number];

// Same-status moves are not listed here; they are accepted as no-ops by canTransition.
const transitions: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

const openStatuses: ReadonlySet<TicketStatus> = new Set(['new', 'open', 'pending', 'on_hold']);

/** The statuses a ticket in `from` may move to, excluding `from` itself. */
export function allowedTransitions(from: TicketStatus): readonly TicketStatus[] {
  return transitions[from];
}

/** Whether a ticket may move from `from` to `to`; staying in the same status is always allowed. */
export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || transitions[from].includes(to);
}

/** Throws TICKET_STATUS_TRANSITION_INVALID unless `canTransition(from, to)`. */
export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (canTransition(from, to)) return;
  throw new DomainError('TICKET_STATUS_TRANSITION_INVALID', `Cannot change status from ${from} to ${to}.`, {
    from,
    to,
    allowed: [...transitions[from]],
  });
}

/** Whether the status counts as unsolved (new, open, pending, on hold). */
export function isOpenStatus(status: TicketStatus): boolean {
  return openStatuses.has(status);
}
