/** Fixtures for the SLA tests: a Seoul desk, a policy, and a ticket-history builder in local time. */
import type { TicketPriority } from '../schemas/tickets.ts';
import type { TicketStatus } from '../tickets/ticket-status.ts';
import type { BusinessCalendar } from '../time/business-calendar.ts';
import type { SlaPolicy } from './sla-policy.ts';
import type { SlaTicketHistory } from './ticket-timeline.ts';

/** '2024-09-02 10:00' in Seoul (UTC+9, no DST) as a Date. */
export function kst(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+09:00`);
}

/** Mon-Fri 09:00-18:00 in Seoul, closed for Chuseok 2024. 2024-09-02 is a Monday. */
export const seoulDesk: BusinessCalendar = {
  timeZone: 'Asia/Seoul',
  weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
  holidays: ['2024-09-16', '2024-09-17', '2024-09-18'].map((date) => ({ date, name: '추석' })),
};

export const standardPolicy: SlaPolicy = {
  id: 'standard',
  name: 'Standard',
  targets: {
    low: { resolutionMinutes: 4_800 },
    normal: { firstResponseMinutes: 240, nextResponseMinutes: 480, resolutionMinutes: 2_400 },
    high: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 960 },
    urgent: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 480 },
  },
  useBusinessHours: true,
  warnBeforeMinutes: 30,
};

type Step =
  | { at: string; customer: true }
  | { at: string; agent: true; isPublic?: boolean }
  | { at: string; system: true }
  | { at: string; status: TicketStatus }
  | { at: string; priority: TicketPriority };

/** A ticket created by a customer message at `createdAt` (local), normal priority, status new. */
export function ticketHistory(createdAt: string, steps: Step[] = []): SlaTicketHistory {
  const history = {
    createdAt: kst(createdAt),
    priorityChanges: [{ priority: 'normal' as TicketPriority, at: kst(createdAt) }],
    statusChanges: [{ status: 'new' as TicketStatus, at: kst(createdAt) }],
    messages: [
      { author: 'customer' as const, isPublic: true, at: kst(createdAt) },
    ] as SlaTicketHistory['messages'][number][],
  };
  for (const step of steps) {
    const at = kst(step.at);
    if ('customer' in step) history.messages.push({ author: 'customer', isPublic: true, at });
    if ('agent' in step) history.messages.push({ author: 'agent', isPublic: step.isPublic ?? true, at });
    if ('system' in step) history.messages.push({ author: 'system', isPublic: true, at });
    if ('status' in step) history.statusChanges.push({ status: step.status, at });
    if ('priority' in step) history.priorityChanges.push({ priority: step.priority, at });
  }
  return history;
}
